namespace Conecta.Channels.Bench.Faults;

internal static class AdminAbuseScenario
{
    public static Task<ScenarioSummary> RunAsync(WebApplicationBuilder builder, Settings settings, RunDirectory run) => throw new NotImplementedException();
}
