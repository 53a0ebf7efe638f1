using System.Diagnostics;
using System.Globalization;
using System.Text;
using Conecta.Channels.Contracts.Events;
using MassTransit;

namespace Conecta.Channels.Bench.Faults;

/// <summary>
/// Webhooks under faults: a Meta-like sender posts the plan's webhooks (retrying every non-2xx), while the script
/// restarts RabbitMQ, restarts Redis and SIGKILLs the service (then starts it again) at set fractions of the
/// webhooks acknowledged. The downstream consumer counts what arrives on a real queue. Pass: every update
/// delivered, none duplicated after the consumer's dedup by EventId, every webhook acknowledged in the end.
/// </summary>
internal static class InboundScenario
{
    public const string AccountId = "1550000009001";
    private const string Queue = "conecta-faults-downstream";

    public static async Task<ScenarioSummary> RunAsync(Settings settings, RunDirectory run)
    {
        var webhooks = settings.Scaled("Webhooks", 100_000, 200);
        var concurrency = settings.Int("Concurrency", 32);
        var deadline = Stopwatch.GetTimestamp() + (long)(settings.Deadline.TotalSeconds * Stopwatch.Frequency);
        var started = Stats.UnixMs();

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(settings.ServiceUrl), Timeout = Timeout.InfiniteTimeSpan };
        await Tokens.RegisterAsync(http, settings.SigningKey, AccountId, 1000, CancellationToken.None);

        var tally = new DeliveryTally();
        await using var downstream = new Downstream(settings.Required("RabbitMq"), Queue)
            .On<InboundMessageReceived>((message, redelivered) => tally.Record(message.EventId, "m:" + message.ProviderMessageId, redelivered))
            .On<MessageStatusChanged>((message, redelivered) =>
                tally.Record(message.EventId, $"s:{message.ProviderMessageId}:{message.Status}", redelivered));
        await downstream.StartAsync(TimeSpan.FromSeconds(60));
        Log.Info($"downstream queue {Queue} bound to InboundMessageReceived and MessageStatusChanged");

        var runTag = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var plan = WebhookPlan.Make(webhooks, AccountId, runTag, settings.Seed);
        var expected = plan.SelectMany(w => w.Keys).ToHashSet();
        Log.Info($"{plan.Count} webhooks planned ({Describe(plan)}), {expected.Count} distinct updates; {concurrency} in flight");

        await using var rss = new RssSampler(run);
        using var sender = new MetaSender(http, settings.AppSecret, concurrency, TimeSpan.FromSeconds(settings.Int("AttemptTimeoutSeconds", 15)));
        var firstAttempt = new long[plan.Count];
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(10, Remaining(deadline) - 60)));
        using var progress = new Timer(_ => run.Progress((double)sender.Acknowledged / plan.Count), null, 0, 200);
        var sending = Stopwatch.GetTimestamp();
        var unacknowledged = await sender.SendAllAsync(plan, firstAttempt, _ => { }, cancel.Token);
        var sendSeconds = Stats.SecondsSince(sending);
        run.Progress(1);
        Log.Info($"sent in {sendSeconds:F0} s: {sender.Acknowledged} acknowledged, {unacknowledged.Count} not, {sender.Attempts} attempts; waiting for the queue to drain");

        // Drained: every expected update arrived, or nothing arrived for 10 s (a broker redelivery may still come).
        while (Remaining(deadline) > 5 && !expected.All(tally.Has) && tally.SecondsSinceLastMessage < 10)
            await Task.Delay(500);
        await Task.Delay(2_000);
        await downstream.DisposeAsync();
        var peak = rss.PeakMiB;

        var lost = expected.Where(k => !tally.Has(k)).ToList();
        var unexpected = tally.Keys.Count(k => !expected.Contains(k));
        var firstByKey = new Dictionary<string, long>();
        foreach (var w in plan)
            foreach (var key in w.Keys)
                if (firstAttempt[w.Index] != 0 && (!firstByKey.TryGetValue(key, out var t) || firstAttempt[w.Index] < t)) firstByKey[key] = firstAttempt[w.Index];
        var endToEnd = firstByKey.Select(p => tally.FirstArrival(p.Key) is { } at ? Stopwatch.GetElapsedTime(p.Value, at).TotalMilliseconds : double.NaN)
            .Where(ms => !double.IsNaN(ms)).ToList();
        var attemptMs = sender.AttemptLatenciesMs();
        var p99 = Stats.Percentile(endToEnd, 0.99);
        var faults = run.Faults();
        var alive = ServiceAlive(run);

        var failures = new List<string>();
        if (lost.Count > 0) failures.Add($"{lost.Count} updates lost");
        if (tally.DuplicatedAfterDedup > 0) failures.Add($"{tally.DuplicatedAfterDedup} updates delivered under two EventIds");
        if (unacknowledged.Count > 0) failures.Add($"{unacknowledged.Count} webhooks never acknowledged");
        if (unexpected > 0) failures.Add($"{unexpected} events for updates never sent");
        if (!alive) failures.Add("the service was not running at the end");

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Webhooks under faults: {plan.Count} webhooks, {expected.Count} updates");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Meta-like sender: {concurrency} webhooks in flight, each signed; any non-2xx, a timeout ({settings.Int("AttemptTimeoutSeconds", 15)} s) " +
            $"or a broken connection is retried with the same bytes after a jittered backoff from {MetaSender.FirstBackoff.TotalMilliseconds:F0} ms " +
            $"doubling to {MetaSender.MaxBackoff.TotalSeconds:F0} s (Meta's own backoff grows to hours over 7 days; shortened for a bench). " +
            $"Webhooks: {Describe(plan)}. Updates: 60 % statuses (sent/delivered/read), 40 % text messages with \\u-escaped pt-BR text.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| webhooks acknowledged / planned | {sender.Acknowledged} / {plan.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| POST attempts (first tries + Meta-style retries) | {sender.Attempts} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| webhooks that needed a retry | {sender.RetriedWebhooks} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| answers | {string.Join(", ", sender.Answers.OrderByDescending(a => a.Value).Select(a => $"{a.Key}: {a.Value}"))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| updates expected / delivered (distinct) | {expected.Count} / {expected.Count - lost.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **lost** | **{lost.Count}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **duplicated after the consumer's dedup by EventId** | **{tally.DuplicatedAfterDedup}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| raw duplicates before dedup (messages received − distinct EventIds) | {tally.RawDuplicates} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| … published twice by the service (same EventId) | {tally.Republished} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| … redelivered by the broker (ack lost in its restart) | {tally.BrokerRedeliveries} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| messages received downstream | {tally.Received} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| update latency, first POST → downstream (p50 / p99 / max) | {Stats.Spread(endToEnd)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| one POST attempt (p50 / p99) | {Stats.Ms(Stats.Percentile(attemptMs, 0.5))} / {Stats.Ms(Stats.Percentile(attemptMs, 0.99))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| sending took | {sendSeconds:F0} s ({sender.Acknowledged / Math.Max(sendSeconds, 0.001):F0} webhooks/s acknowledged) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| service peak RSS | {peak} MiB |");
        text.AppendLine();
        FaultWindow.AppendList(text, faults, started);
        text.AppendLine(Explain(tally, faults, started, sender));
        if (lost.Count > 0) text.AppendLine(CultureInfo.InvariantCulture, $"Lost (first 10): {string.Join(", ", lost.Take(10))}").AppendLine();
        if (unacknowledged.Count > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"Never acknowledged (first 10): {string.Join(", ", unacknowledged.Take(10).Select(w => $"#{w.Index} ({w.Kind})"))}").AppendLine();
        text.AppendLine(failures.Count == 0 ? "**Result: passed.**" : $"**Result: FAILED** — {string.Join("; ", failures)}.");
        run.Write("inbound.md", text.ToString());
        Log.Info(failures.Count == 0 ? "passed" : "FAILED: " + string.Join("; ", failures));

        return new ScenarioSummary("webhooks: RabbitMQ restart, Redis restart, service SIGKILL", $"{plan.Count} webhooks / {expected.Count} updates",
            lost.Count, tally.DuplicatedAfterDedup, p99, "update: first POST → consumer", peak, failures.Count == 0, failures);
    }

    private static string Explain(DeliveryTally tally, List<FaultWindow> faults, long started, MetaSender sender)
    {
        var text = new StringBuilder();
        var republished = tally.RepublishedAt.Order().ToList();
        text.Append(CultureInfo.InvariantCulture,
            $"Raw duplicates: {tally.Republished} events were published again by the service with the same EventId");
        if (republished.Count > 0)
            text.Append(CultureInfo.InvariantCulture,
                $" (arriving between {(republished[0] - started) / 1000.0:F1} s and {(republished[^1] - started) / 1000.0:F1} s)");
        text.Append(". The known window: an instance killed after the broker confirmed a publish and before it marked the EventId " +
            "delivered in Redis; the claim's lease (Inbound:ClaimLease, 30 s) expires and Meta's retry publishes it again. " +
            "A Redis crash can lose the last second of marks (appendfsync everysec) with the same effect. ");
        text.Append(CultureInfo.InvariantCulture,
            $"{tally.BrokerRedeliveries} were redeliveries by the broker to the consumer (delivered, then the broker restarted before the ack). ");
        text.Append("Both kinds carry an EventId already processed, so the consumer's dedup drops them: ");
        text.Append(CultureInfo.InvariantCulture, $"{tally.DuplicatedAfterDedup} duplicates remain after it.");
        var fiveXx = sender.ServerErrors.Count;
        if (fiveXx > 0)
        {
            var during = sender.ServerErrors.Count(e => faults.Any(f => f.Covers(e.At, 45_000)));
            text.Append(CultureInfo.InvariantCulture,
                $" The service answered 5xx {fiveXx} times ({during} within 45 s of a fault: the broker or Redis away, or claims held by the killed instance), and Meta retried each.");
        }
        text.AppendLine();
        return text.ToString();
    }

    private static string Describe(List<PlannedWebhook> plan) =>
        string.Join(", ", plan.GroupBy(w => w.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));

    private static double Remaining(long deadline) => (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;

    internal static bool ServiceAlive(RunDirectory run) => run.ServicePid() is > 0 and var pid && Directory.Exists($"/proc/{pid}");
}
