using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Bench.Faults;

/// <summary>What bench/faults.sh passes in (environment, Faults__*), read once.</summary>
internal sealed class Settings(IConfiguration config)
{
    public string Required(string key) => config[key] is { Length: > 0 } value ? value : throw new InvalidOperationException($"Set Faults__{key}.");

    public int Int(string key, int fallback) => int.TryParse(config[key], CultureInfo.InvariantCulture, out var n) ? n : fallback;

    public double Double(string key, double fallback) =>
        double.TryParse(config[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : fallback;

    public string? Optional(string key) => config[key] is { Length: > 0 } value ? value : null;

    public string ServiceUrl => Required("ServiceUrl");
    public string AppSecret => Required("AppSecret");
    public string SigningKey => Required("SigningKey");
    public string RunDir => Required("RunDir");

    /// <summary>Scales every volume; 1 is the (100,000 webhooks, 20,000 commands, 10,000 bad requests).</summary>
    public double Load => Double("Load", 1);

    public int Scaled(string key, int full, int minimum) => Math.Max(minimum, (int)Math.Round(Int(key, full) * Load));

    public TimeSpan Deadline => TimeSpan.FromSeconds(Int("DeadlineSeconds", 300));

    public int Seed => Int("Seed", 20261126);
}

/// <summary>
/// The run directory the script and this program share: progress (read by the script, which injects the faults
/// at set fractions), the faults it injected (read back here to explain the numbers), the service's current pid
/// (it changes when the service is killed and started again).
/// </summary>
internal sealed class RunDirectory(string path)
{
    private int _lastPermille = -1;

    public string Path { get; } = path;

    /// <summary>Fraction of the scenario done, in permille; the script triggers faults on it.</summary>
    public void Progress(double fraction)
    {
        var permille = (int)Math.Clamp(fraction * 1000, 0, 1000);
        if (permille == Volatile.Read(ref _lastPermille)) return;
        Volatile.Write(ref _lastPermille, permille);
        var temp = System.IO.Path.Combine(Path, "progress.tmp");
        try
        {
            File.WriteAllText(temp, permille.ToString(CultureInfo.InvariantCulture));
            File.Move(temp, System.IO.Path.Combine(Path, "progress"), overwrite: true);
        }
        catch (IOException)
        {
            // Two writers raced on the temp file: the next report wins.
        }
    }

    public int ServicePid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(System.IO.Path.Combine(Path, "service.pid")).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch (IOException) { return 0; }
    }

    /// <summary>The faults the script injected: "epoch-ms start|end name" per line.</summary>
    public List<FaultWindow> Faults()
    {
        var file = System.IO.Path.Combine(Path, "faults.log");
        if (!File.Exists(file)) return [];
        var open = new Dictionary<string, long>();
        var windows = new List<FaultWindow>();
        foreach (var line in File.ReadAllLines(file))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 3 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var at)) continue;
            if (parts[1] == "start") open[parts[2]] = at;
            else if (parts[1] == "end" && open.Remove(parts[2], out var start)) windows.Add(new FaultWindow(parts[2], start, at));
        }
        windows.AddRange(open.Select(o => new FaultWindow(o.Key, o.Value, long.MaxValue)));
        return windows;
    }

    public void Write(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);
}

/// <param name="StartMs">Unix milliseconds.</param>
internal sealed record FaultWindow(string Name, long StartMs, long EndMs)
{
    public bool Covers(long unixMs, long slackMs = 0) => unixMs >= StartMs - slackMs && unixMs <= EndMs + slackMs;

    public string Describe(long origin) => EndMs == long.MaxValue
        ? $"{Name} at {(StartMs - origin) / 1000.0:F1} s (never ended)"
        : $"{Name} at {(StartMs - origin) / 1000.0:F1} s, {(EndMs - StartMs) / 1000.0:F1} s until it answered again";

    /// <summary>The report's list of the faults a scenario injected, timed from its start.</summary>
    public static void AppendList(StringBuilder text, List<FaultWindow> faults, long origin)
    {
        text.AppendLine("Faults injected (times from the start of the scenario):");
        text.AppendLine();
        foreach (var f in faults) text.AppendLine("- " + f.Describe(origin));
        if (faults.Count == 0) text.AppendLine("- none");
        text.AppendLine();
    }
}

/// <summary>One row of the README's summary table, and whether the scenario passed.</summary>
internal sealed record ScenarioSummary(
    string Scenario,
    string Volume,
    long Lost,
    long Duplicated,
    double P99Ms,
    string P99Of,
    long PeakRssMiB,
    bool Passed,
    IReadOnlyList<string> Failures);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScenarioSummary))]
[JsonSerializable(typeof(AccountInput))]
[JsonSerializable(typeof(TemplateInput))]
[JsonSerializable(typeof(PhoneInput))]
[JsonSerializable(typeof(MessageInput))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class FaultsJson : JsonSerializerContext;

/// <summary>Peak resident memory of the service, whichever process it currently is (it is killed and started again).</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly RunDirectory _run;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKiB;

    public RssSampler(RunDirectory run)
    {
        _run = run;
        var pid = run.ServicePid();
        if (pid > 0)
        {
            // Restart the high-water mark, so this scenario reports its own peak.
            try { File.WriteAllText($"/proc/{pid}/clear_refs", "5"); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        _loop = Task.Run(LoopAsync);
    }

    public long PeakMiB
    {
        get
        {
            Sample();
            return Volatile.Read(ref _peakKiB) / 1024;
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try { await Task.Delay(100, _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    private void Sample()
    {
        var pid = _run.ServicePid();
        if (pid <= 0) return;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal) && !line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                long current;
                while ((current = Volatile.Read(ref _peakKiB)) < kib && Interlocked.CompareExchange(ref _peakKiB, kib, current) != current) { }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

internal static class Stats
{
    public static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        return values[Math.Clamp((int)Math.Ceiling(q * values.Count) - 1, 0, values.Count - 1)];
    }

    public static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms >= 100 ? $"{ms:F0} ms" : $"{ms:F1} ms";

    /// <summary>"p50 / p99 / max" of the values, as the reports' tables write it.</summary>
    public static string Spread(List<double> values) =>
        $"{Ms(Percentile(values, 0.5))} / {Ms(Percentile(values, 0.99))} / {Ms(values.Count > 0 ? values.Max() : double.NaN)}";

    public static long UnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static double SecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalSeconds;
}

internal static class Signing
{
    public static string Header(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

internal static class Log
{
    public static string Mode { get; set; } = "faults";

    public static void Info(string message) =>
        Console.Error.WriteLine($"faults {Mode} [{DateTime.Now:HH:mm:ss}]: {message}");
}
