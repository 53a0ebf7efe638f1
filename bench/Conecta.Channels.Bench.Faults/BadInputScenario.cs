namespace Conecta.Channels.Bench.Faults;

internal static class BadInputScenario
{
    public static Task<ScenarioSummary> RunAsync(Settings settings, RunDirectory run) => throw new NotImplementedException();
}
