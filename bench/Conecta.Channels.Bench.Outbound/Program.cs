using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using MassTransit;

namespace Conecta.Channels.Bench.Outbound;

/// <summary>What one scenario does: which numbers, how many commands, published how.</summary>
/// <param name="PacedRate">Commands per second offered evenly; 0 publishes them all at once (a backlog).</param>
/// <param name="ConfiguredRate">The accounts' rate limit per number.</param>
/// <param name="Reported">False for the warm-up: checked like the others, kept out of the table.</param>
internal sealed record Scenario(string Name, string[] Numbers, int Commands, double PacedRate, int ConfiguredRate, bool Limited,
    TimeSpan Cap, bool Reported = true);

internal sealed record ScenarioResult(
    Scenario Scenario,
    int Accepted,
    int Rejected,
    int Missing,
    int DuplicateOutcomes,
    int GraphCalls,
    int DoubleSends,
    double SendsPerSecond,
    double P50Ms,
    double P99Ms,
    int WorstWindow,
    int WindowsOverLimit,
    int? WireWorstWindow,
    int? WireWindowsOverLimit,
    double? AchievedPercent,
    long PeakRssMiB,
    List<(string Name, double Percent)> Cpu,
    double Seconds,
    long RedisCommands,
    string Rejections,
    string? Skipped = null);

/// <summary>
/// The outbound benchmark (bench/outbound.sh starts the service, then this): hosts the fake Graph
/// API, registers the business numbers through the admin API, publishes SendText commands to
/// RabbitMQ as the core platform would and consumes the outcomes from a queue of its own.
/// </summary>
internal static class OutboundBenchProgram
{
    private const int PublishesInFlight = 256;

    // Not top-level statements, like the ceiling: one style for the bench projects.
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        var config = builder.Configuration.GetSection("Bench");
        string Required(string key) => config[key] is { Length: > 0 } value ? value : throw new InvalidOperationException($"Set Bench__{key}.");
        int Number(string key, int fallback) => int.TryParse(config[key], CultureInfo.InvariantCulture, out var n) ? n : fallback;

        var graphUrl = Required("GraphUrl");
        var serviceUrl = Required("ServiceUrl");
        var rabbitMq = Required("RabbitMq");
        var signingKey = Required("SigningKey");
        var appSecret = Required("AppSecret");
        var resultsFile = Required("ResultsFile");
        // tcpdump's capture of the sends to the fake Graph API; absent when tcpdump could not run.
        var wireCapture = config["WireCapture"] is { Length: > 0 } capture && File.Exists(capture) ? capture : null;
        var servicePid = Number("ServicePid", 0);
        var commands = Number("Commands", 20_000);
        var warmup = Number("WarmupCommands", 1_000);
        var pacedSeconds = Number("PacedSeconds", 10);
        var overloadSeconds = Number("OverloadSeconds", 15);
        var numbers = Number("Numbers", 4);
        var recipientsPerNumber = Number("RecipientsPerNumber", 1_000);
        var liftedRate = Number("LiftedRate", 1_000);
        var limitedRate = Number("LimitedRate", 80);
        var deadline = Stopwatch.GetTimestamp() + Number("DeadlineSeconds", 200) * Stopwatch.Frequency;
        (string, int)[] processes =
        [
            ("service", servicePid), ("RabbitMQ", Number("RabbitPid", 0)), ("Redis", Number("RedisPid", 0)),
            ("bench", Environment.ProcessId),
        ];
        processes = [.. processes.Where(p => p.Item2 > 0)];
        // The script's reading, taken before it built anything; our own start-up would inflate ours.
        var loadAtStart = config["LoadAtStart"] ?? File.ReadAllText("/proc/loadavg").Split(' ')[0];

        builder.WebHost.UseUrls(graphUrl);
        var app = builder.Build();
        var graph = new FakeGraph();
        graph.Map(app);
        await app.StartAsync();
        Log($"fake Graph API on {graphUrl}");

        // Lifted: Meta's highest per-number limit. Limited: the default tier. Separate numbers, so the
        // limited scenario starts with no reservations of the others in its sorted sets.
        var lifted = Enumerable.Range(1, numbers).Select(i => $"1550000000{i:D3}").ToArray();
        var limited = Enumerable.Range(1, numbers).Select(i => $"1550000001{i:D3}").ToArray();
        using var service = new HttpClient { BaseAddress = new Uri(serviceUrl), Timeout = TimeSpan.FromSeconds(30) };
        var token = Admin.MintToken(signingKey);
        foreach (var id in lifted) await Admin.RegisterAsync(service, token, id, liftedRate, CancellationToken.None);
        foreach (var id in limited) await Admin.RegisterAsync(service, token, id, limitedRate, CancellationToken.None);
        Log($"registered {numbers} numbers at {liftedRate}/s and {numbers} at {limitedRate}/s through the admin API");
        // Brazilian mobiles, 55 31 98xxx-xxxx, the same contacts for every number (a session is per number and contact).
        var contacts = Enumerable.Range(0, recipientsPerNumber).Select(j => "553198" + j.ToString("D7", CultureInfo.InvariantCulture)).ToArray();
        var opener = new WindowOpener(service, appSecret);

        var router = new OutcomeRouter();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(rabbitMq), host => host.PublisherConfirmation = true);
            // The service sends enums by name (RejectionReason).
            rabbit.ConfigureJsonSerializerOptions(json =>
            {
                json.Converters.Add(new JsonStringEnumConverter());
                return json;
            });
            rabbit.ReceiveEndpoint("conecta-bench-outcomes", endpoint =>
            {
                endpoint.PrefetchCount = 1_000;
                endpoint.Handler<MessageAccepted>(context =>
                {
                    router.Accepted(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<MessageRejected>(context =>
                {
                    router.Rejected(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<SessionQueued>(context =>
                {
                    opener.Queued(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Log("bus started; its queue is bound to MessageAccepted, MessageRejected and SessionQueued");

        var results = new List<ScenarioResult>();
        var reported = 0;
        var resultsDir = Path.GetDirectoryName(Path.GetFullPath(resultsFile))!;
        Directory.CreateDirectory(resultsDir);
        try
        {
            async Task<ScenarioResult> Run(Scenario scenario)
            {
                var remaining = Remaining();
                if (remaining < TimeSpan.FromSeconds(5))
                {
                    var skipped = Skip(scenario, "skipped: the deadline was reached");
                    Log($"{scenario.Name}: {skipped.Skipped}");
                    results.Add(skipped);
                    return skipped;
                }
                var cap = scenario.Cap < remaining ? scenario.Cap : remaining;
                var arrivals = scenario.Reported ? Path.Combine(resultsDir, $"outbound-arrivals-{++reported}.csv") : null;
                var result = await RunScenarioAsync(scenario, cap, bus, router, graph, contacts, servicePid, processes, arrivals, wireCapture);
                Log($"{scenario.Name}: {result.Accepted} accepted, {result.Rejected} rejected, {result.Missing} missing, " +
                    $"{result.SendsPerSecond:F0} sends/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, worst 1 s window " +
                    $"{result.WorstWindow}/{scenario.ConfiguredRate} (wire: {result.WireWorstWindow?.ToString(CultureInfo.InvariantCulture) ?? "not captured"}){(result.Rejections.Length > 0 ? ", rejections: " + result.Rejections : "")}");
                if (scenario.Reported) results.Add(result);
                return result;
            }

            var everyNumber = lifted.Concat(limited).ToArray();
            var opening = Stopwatch.GetTimestamp();
            if (!await opener.OpenAsync(everyNumber, contacts, TimeSpan.FromSeconds(90)))
            {
                Log($"only {opener.Opened} of {everyNumber.Length * contacts.Length} contact windows opened within 90 s (SessionQueued counted); see the service log");
                return Finish(failed: true);
            }
            Log($"opened the 24-hour window of {contacts.Length} contacts on each of the {everyNumber.Length} numbers in {WindowOpener.Took(opening)} (inbound webhooks)");
            var warm = await Run(new Scenario("warm-up", everyNumber, warmup, 0, liftedRate, false, TimeSpan.FromSeconds(60), Reported: false));
            if (warm.Accepted == 0)
            {
                Log("no command of the warm-up was accepted: is the service's conecta-outbound queue bound to the SendText exchange? See the service log.");
                results.Add(warm);
                return Finish(failed: true);
            }
            if (warm.Missing > 0 || warm.DuplicateOutcomes > 0) results.Add(warm);

            var one = await Run(new Scenario("(a) limits lifted, 1 number, backlog", [lifted[0]], commands, 0, liftedRate, false, TimeSpan.FromSeconds(90)));
            var four = await Run(new Scenario($"(b) limits lifted, {numbers} numbers, backlog", lifted, commands, 0, liftedRate, false, TimeSpan.FromSeconds(90)));
            // Every command published at once: the numbers stay overloaded for overloadSeconds.
            await Run(new Scenario($"(c) limits on, {limitedRate}/s per number, {numbers} numbers, {overloadSeconds} s of backlog", limited,
                numbers * limitedRate * overloadSeconds, 0, limitedRate, true, TimeSpan.FromSeconds(overloadSeconds + 45)));
            // Latency last, at half of what each backlog achieved: shorter when the deadline is near, as the
            // backlogs and the limiter come first.
            foreach (var (backlog, name, targets) in new[] { (one, "(a) limits lifted, 1 number", new[] { lifted[0] }), (four, $"(b) limits lifted, {numbers} numbers", lifted) })
            {
                var seconds = Math.Min(pacedSeconds, (int)(Remaining().TotalSeconds - 10));
                if (backlog.SendsPerSecond <= 0 || seconds < 3)
                {
                    Log($"{name}: no paced run ({(seconds < 3 ? "the deadline is near" : "the backlog sent nothing")})");
                    continue;
                }
                var rate = Math.Round(backlog.SendsPerSecond / 2);
                await Run(new Scenario($"{name}, paced at half ({rate:F0}/s, {seconds} s)", targets, (int)(rate * seconds), rate,
                    liftedRate, false, TimeSpan.FromSeconds(seconds + 30)));
            }
            return Finish(failed: false);
        }
        finally
        {
            await bus.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        }

        TimeSpan Remaining() => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline) - TimeSpan.FromSeconds(8);

        int Finish(bool failed)
        {
            var report = Report(results, router.Stray, loadAtStart, config["Commit"] ?? "?", config["Note"], recipientsPerNumber);
            Console.Out.Write(report);
            File.WriteAllText(resultsFile, report);
            var broken = results.Where(r => r.Missing > 0 || r.DuplicateOutcomes > 0 || r.DoubleSends > 0 || r.Skipped is not null).ToList();
            if (router.Stray > 0) Log($"{router.Stray} outcomes for commands this run did not publish (or for a scenario that had already ended)");
            foreach (var r in broken)
                Log($"FAILED {r.Scenario.Name}: {r.Skipped ?? $"{r.Missing} without an outcome, {r.DuplicateOutcomes} with more than one, {r.DoubleSends} sent to Graph more than once"}");
            return failed || broken.Count > 0 || router.Stray > 0 ? 1 : 0;
        }
    }

    private static async Task<ScenarioResult> RunScenarioAsync(Scenario scenario, TimeSpan cap, IBus bus, OutcomeRouter router,
        FakeGraph graph, string[] contacts, int servicePid, (string, int)[] processes, string? arrivalsFile, string? wireCapture)
    {
        Log($"{scenario.Name}: {scenario.Commands} commands over {scenario.Numbers.Length} number(s)" +
            (scenario.PacedRate > 0 ? $", paced at {scenario.PacedRate:F0}/s" : ", published at once") + $", at most {cap.TotalSeconds:F0} s");
        graph.TakeArrivals();
        // Round robin over the numbers, and over each number's contacts: consecutive commands of a
        // number go to different contacts. The per-recipient pair limit is configured high and is
        // never what is measured; per-recipient order (one at a time per contact) still applies.
        var sends = new SendText[scenario.Commands];
        var k = scenario.Numbers.Length;
        for (var i = 0; i < sends.Length; i++)
            sends[i] = new SendText(Guid.NewGuid(), scenario.Numbers[i % k], contacts[i / k % contacts.Length],
                "Benchmark message " + i.ToString(CultureInfo.InvariantCulture));
        var ledger = new ScenarioLedger([.. sends.Select(s => s.CommandId)]);
        router.Attach(ledger);
        ProcStats.ResetPeakRss(servicePid);
        var cpu = new CpuSample(processes);
        var redisBefore = ProcStats.RedisCommandsProcessed();
        var startedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using var timeout = new CancellationTokenSource(cap);
        var publishing = PublishAsync(bus, sends, ledger, scenario.PacedRate, timeout.Token);
        await Task.WhenAny(Task.WhenAll(publishing, ledger.AllIn), Task.Delay(Timeout.Infinite, timeout.Token));
        var cpuUse = cpu.Stop();
        var spanSeconds = cpu.Seconds;
        var redisAfter = ProcStats.RedisCommandsProcessed();
        // Everything Redis did meanwhile, other users of the server included (the tests use other databases).
        var redisCommands = redisBefore < 0 || redisAfter < redisBefore ? -1 : redisAfter - redisBefore;
        var rss = ProcStats.PeakRssMiB(servicePid);
        if (publishing.IsFaulted) Log($"{scenario.Name}: publishing failed: {publishing.Exception!.GetBaseException().Message}");
        // A second outcome (a redelivery) or a second send would come right after the first.
        await Task.Delay(TimeSpan.FromSeconds(1));
        if (!ProcStats.IsAlive(servicePid) && servicePid > 0) Log("the service process is gone: see bench/results/outbound-service.log");

        var (accepted, rejected, missing) = ledger.Counts();
        var latencies = ledger.LatenciesMs();
        var arrivals = graph.TakeArrivals();
        var (wireWorst, wireOver) = wireCapture is null ? ((int?)null, (int?)null) : WireWindows(wireCapture, scenario, startedUnixMs);
        var seconds = accepted + rejected == 0 ? 0 : Stopwatch.GetElapsedTime(ledger.FirstPublished, ledger.LastOutcome).TotalSeconds;
        var doubleSends = arrivals.Where(a => a.CommandId != Guid.Empty).GroupBy(a => a.CommandId).Count(g => g.Count() > 1);
        var foreign = arrivals.Count(a => !ledger.Knows(a.CommandId));
        if (foreign > 0) Log($"{scenario.Name}: {foreign} Graph calls for commands not of this scenario");

        var worst = 0;
        var over = 0;
        double? achieved = null;
        foreach (var number in arrivals.GroupBy(a => a.PhoneNumberId))
        {
            var times = number.Select(a => a.At).Order().ToArray();
            var (max, overCount) = SlidingWindows(times, Stopwatch.Frequency, scenario.ConfiguredRate);
            worst = Math.Max(worst, max);
            over += overCount;
            if (scenario.Limited && Achieved(times) is { } rate)
                achieved = Math.Min(achieved ?? double.MaxValue, 100 * rate / scenario.ConfiguredRate);
        }
        if (arrivalsFile is not null && arrivals.Count > 0)
        {
            // Per send: the number and its arrival in ms after the first publish, for looking at the limiter's seconds.
            var first = ledger.FirstPublished;
            File.WriteAllLines(arrivalsFile, ["number,arrival_ms", .. arrivals.OrderBy(a => a.At).Select(a =>
                string.Create(CultureInfo.InvariantCulture, $"{a.PhoneNumberId},{Stopwatch.GetElapsedTime(first, a.At).TotalMilliseconds:F3}"))]);
        }
        var rejections = string.Join(", ", ledger.RejectedBy.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"));
        return new ScenarioResult(scenario, accepted, rejected, missing, ledger.Duplicates, arrivals.Count, doubleSends,
            seconds > 0 ? accepted / seconds : 0, Percentile(latencies, 0.50), Percentile(latencies, 0.99), worst, over, wireWorst, wireOver, achieved, rss,
            cpuUse, spanSeconds, redisCommands, rejections);
    }

    /// <summary>The worst 1 s window of any of the scenario's numbers, and the windows over the limit, in the wire's timestamps.</summary>
    private static (int?, int?) WireWindows(string wireCapture, Scenario scenario, long startedUnixMs)
    {
        int worst = 0, over = 0;
        var sends = WireCapture.SendsBetween(wireCapture, startedUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        foreach (var number in scenario.Numbers)
        {
            if (!sends.TryGetValue(number, out var times)) continue;
            // Microseconds, so the same window count serves both clocks.
            var (max, overCount) = SlidingWindows([.. times.Select(t => (long)(t * 1000))], 1_000_000, scenario.ConfiguredRate);
            worst = Math.Max(worst, max);
            over += overCount;
        }
        return (worst, over);
    }

    /// <summary>Publishes with publisher confirms, many at once; paced: command i is due at i / rate seconds.</summary>
    private static async Task PublishAsync(IBus bus, SendText[] sends, ScenarioLedger ledger, double rate, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(PublishesInFlight);
        var tasks = new List<Task>(sends.Length);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < sends.Length; i++)
        {
            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due, cancellationToken);
            }
            await inFlight.WaitAsync(cancellationToken);
            tasks.Add(PublishOne(i));
        }
        await Task.WhenAll(tasks);

        async Task PublishOne(int i)
        {
            try
            {
                ledger.Published(i, Stopwatch.GetTimestamp());
                await bus.Publish(sends[i], cancellationToken);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }

    /// <returns>The most sends in any window [t, t + 1 s) starting at a send, and how many such windows hold more than the limit.</returns>
    internal static (int Max, int Over) SlidingWindows(long[] times, long window, int limit)
    {
        int max = 0, over = 0;
        for (int i = 0, j = 0; i < times.Length; i++)
        {
            if (j < i) j = i;
            while (j < times.Length && times[j] - times[i] < window) j++;
            var count = j - i;
            max = Math.Max(max, count);
            if (count > limit) over++;
        }
        return (max, over);
    }

    /// <summary>
    /// Sends per second over the longest whole number of seconds from the first send, while the
    /// backlog lasts: a limiter that lets `limit` go at the start of every second scores 100 %.
    /// </summary>
    internal static double? Achieved(long[] times)
    {
        if (times.Length < 2) return null;
        var whole = (long)Math.Floor((double)(times[^1] - times[0]) / Stopwatch.Frequency);
        if (whole < 1) return null;
        var end = times[0] + whole * Stopwatch.Frequency;
        return (double)times.Count(t => t < end) / whole;
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static ScenarioResult Skip(Scenario scenario, string why) =>
        new(scenario, 0, 0, scenario.Commands, 0, 0, 0, 0, double.NaN, double.NaN, 0, 0, null, null, null, 0, [], 0, -1, "", why);

    private static string Report(List<ScenarioResult> results, int stray, string loadAtStart, string commit, string? note, int contacts)
    {
        var text = new StringBuilder();
        var cpuModel = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Outbound benchmark ({DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}, commit {commit})");
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({cpuModel}). ");
        text.AppendLine("SendText commands published to RabbitMQ with publisher confirms; " +
            "the service (Release, Production, real RabbitMQ, Redis and PostgreSQL) sends each to a fake Graph API on loopback " +
            "that answers 200 at once; outcomes are consumed from a queue of the benchmark's own. Commands go round robin over the " +
            $"numbers and over {contacts} contacts per number, whose 24-hour windows were opened beforehand by inbound webhooks. " +
            "\"backlog\": all commands published at once; \"paced\": offered evenly at half the backlog's rate for latency. " +
            "Latency is from the publish call to the outcome's arrival. Worst window: most sends of one number in any 1 s window " +
            "[t, t + 1 s) starting at a send, timed on the loopback wire (tcpdump's kernel timestamps: when the service wrote the request) " +
            "and, in brackets, where the fake Graph API's handler ran (later by however long its process waited for a core). Achieved: the slowest number's sends per second over whole seconds of " +
            "backlog, as % of its configured rate. Peak RSS is the service's VmHWM per scenario.");
        text.AppendLine();
        if (double.TryParse(loadAtStart, CultureInfo.InvariantCulture, out var load) && load > 1)
            text.AppendLine(CultureInfo.InvariantCulture, $"Note: load average {load:F2} at start: other processes were busy on this 2-core machine, and the numbers include their interference.").AppendLine();
        if (!string.IsNullOrWhiteSpace(note)) text.AppendLine("Note: " + note).AppendLine();

        text.AppendLine("| scenario | numbers | commands | accepted / rejected / missing | sends/s | p50 | p99 | worst 1 s window / limit: wire (fake API) | achieved | peak RSS |");
        text.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var s = r.Scenario;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Name}{(r.Skipped is null ? "" : $" ({r.Skipped})")} | {s.Numbers.Length} | {s.Commands} | {r.Accepted} / {r.Rejected} / {r.Missing} | {r.SendsPerSecond:F0} | " +
                $"{Ms(r.P50Ms)} | {Ms(r.P99Ms)} | {r.WireWorstWindow?.ToString(CultureInfo.InvariantCulture) ?? "—"} ({r.WorstWindow}) / {s.ConfiguredRate} | " +
                $"{(r.AchievedPercent is { } a ? $"{a:F1} %" : "—")} | {r.PeakRssMiB} MiB |");
        }
        text.AppendLine();

        foreach (var r in results.Where(r => r.Scenario.Reported && r.Skipped is null))
        {
            var s = r.Scenario;
            var checks = new List<string>();
            checks.Add(r.Missing == 0 && r.DuplicateOutcomes == 0 && r.DoubleSends == 0
                ? "one outcome per command: met"
                : $"one outcome per command: FAILED ({r.Missing} missing, {r.DuplicateOutcomes} duplicated, {r.DoubleSends} sent twice)");
            if (r.Rejected > 0) checks.Add($"rejections: {r.Rejections}");
            if (!s.Limited && s.PacedRate == 0)
                checks.Add($"≥ 1000 sends/s with limits lifted: {(r.SendsPerSecond >= 1000 ? "met" : "MISSED")}");
            if (s.Limited)
            {
                checks.Add(r.WireWindowsOverLimit is { } wireOver
                    ? $"windows over the limit on the wire: {wireOver} (target 0: {(wireOver == 0 ? "met" : "MISSED")}); at the fake API's handler: {r.WindowsOverLimit}"
                    : $"windows over the limit at the fake API's handler (no wire capture): {r.WindowsOverLimit} (target 0: {(r.WindowsOverLimit == 0 ? "met" : "MISSED")})");
                checks.Add($"achieved ≥ 95 %: {(r.AchievedPercent >= 95 ? "met" : "MISSED")}");
            }
            checks.Add($"Graph calls {r.GraphCalls}");
            text.AppendLine(CultureInfo.InvariantCulture, $"- {s.Name}: {string.Join("; ", checks)}");
        }
        if (stray > 0) text.AppendLine(CultureInfo.InvariantCulture, $"- {stray} outcomes arrived for no command of the scenario running: FAILED");
        text.AppendLine();

        var names = results.SelectMany(r => r.Cpu.Select(c => c.Name)).Distinct().ToList();
        if (names.Count > 0)
        {
            text.AppendLine("CPU while each scenario ran (100 % = one core; \"bench\" is the publisher, the outcome consumer and the fake Graph API; \"other\" is everything else on the machine):");
            text.AppendLine();
            text.AppendLine("| scenario | " + string.Join(" | ", names) + " | service CPU per command | RabbitMQ CPU per command | Redis commands per command (inside Lua too) |");
            text.AppendLine("|---|" + string.Concat(names.Select(_ => "---:|")) + "---:|---:|---:|");
            foreach (var r in results.Where(r => r.Cpu.Count > 0))
                text.AppendLine("| " + r.Scenario.Name + " | " + string.Join(" | ", names.Select(n =>
                    r.Cpu.FirstOrDefault(c => c.Name == n) is { Name: not null } c ? c.Percent.ToString("F0", CultureInfo.InvariantCulture) + " %" : "—")) +
                    $" | {PerCommand(r, "service")} | {PerCommand(r, "RabbitMQ")} | " +
                    (r.RedisCommands >= 0 && r.Accepted + r.Rejected > 0
                        ? ((double)r.RedisCommands / (r.Accepted + r.Rejected)).ToString("F1", CultureInfo.InvariantCulture)
                        : "—") + " |");
        }
        return text.ToString();

        // CPU milliseconds per command that got an outcome, over the scenario's span.
        static string PerCommand(ScenarioResult r, string process) =>
            r.Cpu.FirstOrDefault(c => c.Name == process) is { Name: not null } c && r.Accepted + r.Rejected > 0
                ? (c.Percent / 100 * r.Seconds * 1000 / (r.Accepted + r.Rejected)).ToString("F2", CultureInfo.InvariantCulture) + " ms"
                : "—";

        static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms >= 100 ? $"{ms:F0} ms" : $"{ms:F1} ms";
    }

    private static void Log(string message) =>
        Console.Error.WriteLine($"outbound bench [{DateTime.Now:HH:mm:ss}]: {message}");
}
