using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conecta.Channels.Bench.Faults;

/// <summary>
/// bench/faults.sh runs this once per scenario (inbound, outbound, bad-input, admin) against the real service it
/// started, then once more (report) to put the scenarios' results into one table. Each scenario writes its summary
/// row (JSON) and its detail (Markdown) into the run directory; the exit code says whether it passed.
/// </summary>
internal static class FaultsProgram
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "";
        Log.Mode = mode;
        var builder = WebApplication.CreateBuilder(args.Skip(1).ToArray());
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("MassTransit", LogLevel.Error);
        var settings = new Settings(builder.Configuration.GetSection("Faults"));
        var run = new RunDirectory(settings.RunDir);

        ScenarioSummary summary;
        switch (mode)
        {
            case "inbound":
                summary = await InboundScenario.RunAsync(settings, run);
                break;
            case "outbound":
                summary = await OutboundScenario.RunAsync(builder, settings, run);
                break;
            case "bad-input":
                summary = await BadInputScenario.RunAsync(settings, run);
                break;
            case "admin":
                summary = await AdminAbuseScenario.RunAsync(builder, settings, run);
                break;
            case "report":
                return Report(settings, run);
            default:
                Console.Error.WriteLine("usage: Conecta.Channels.Bench.Faults inbound|outbound|bad-input|admin|report");
                return 2;
        }
        File.WriteAllBytes(Path.Combine(run.Path, $"{mode}.json"), JsonSerializer.SerializeToUtf8Bytes(summary, FaultsJson.Default.ScenarioSummary));
        return summary.Passed ? 0 : 1;
    }

    /// <summary>The summary table, then each scenario's detail, to stdout and to Faults__ResultsFile.</summary>
    private static int Report(Settings settings, RunDirectory run)
    {
        var order = (settings.Optional("Scenarios") ?? "inbound outbound bad-input admin").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rows = order.Select(m => Path.Combine(run.Path, $"{m}.json")).Where(File.Exists)
            .Select(f => JsonSerializer.Deserialize(File.ReadAllBytes(f), FaultsJson.Default.ScenarioSummary)!).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"## Fault suite ({DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}, commit {settings.Optional("Commit") ?? "?"}, LOAD={settings.Load.ToString(CultureInfo.InvariantCulture)})");
        text.AppendLine();
        if (settings.Optional("Note") is { } note) text.AppendLine("Note: " + note).AppendLine();
        text.AppendLine("| scenario | volume | lost | duplicated | p99 | peak RSS | result |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var r in rows)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Volume} | {r.Lost} | {r.Duplicated} | {Stats.Ms(r.P99Ms)} ({r.P99Of}) | {r.PeakRssMiB} MiB | {(r.Passed ? "passed" : "**FAILED**: " + string.Join("; ", r.Failures))} |");
        var missing = order.Where(m => !File.Exists(Path.Combine(run.Path, $"{m}.json"))).ToList();
        foreach (var m in missing) text.AppendLine(CultureInfo.InvariantCulture, $"| {m} | — | — | — | — | — | **FAILED**: did not finish |");
        text.AppendLine();
        text.AppendLine("\"duplicated\" counts what is left after the downstream consumer's dedup by EventId (webhooks) or by outcome " +
            "EventId (commands); the raw duplicates before that dedup, and the sends Meta would have received twice, are in each scenario's detail.");
        text.AppendLine();
        foreach (var m in order)
        {
            var detail = Path.Combine(run.Path, $"{m}.md");
            if (File.Exists(detail)) text.AppendLine(File.ReadAllText(detail));
            var extra = Path.Combine(run.Path, $"{m}.extra.md");
            if (File.Exists(extra)) text.AppendLine(File.ReadAllText(extra));
        }
        Console.Out.Write(text.ToString());
        if (settings.Optional("ResultsFile") is { } file) File.WriteAllText(file, text.ToString());
        return rows.All(r => r.Passed) && missing.Count == 0 ? 0 : 1;
    }
}
