using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using MassTransit;

namespace Conecta.Channels.Bench.Faults;

/// <summary>
/// Commands under faults: SendText commands published to RabbitMQ (as the core platform does, retrying a
/// publish that was not confirmed, with the same CommandId), the fake Graph API injecting failures, and the
/// script restarting RabbitMQ and Redis and SIGKILLing the service at set fractions of the outcomes received.
/// Pass: exactly one outcome per CommandId after the consumer's dedup by the outcome's EventId, none missing,
/// none contradicting another; every command Meta would have received twice counted and explained.
/// </summary>
internal static class OutboundScenario
{
    private const string Queue = "conecta-faults-outcomes";
    private const int PublishesInFlight = 128;

    public static async Task<ScenarioSummary> RunAsync(WebApplicationBuilder builder, Settings settings, RunDirectory run)
    {
        var commands = settings.Scaled("Commands", 20_000, 200);
        var numbers = settings.Int("Numbers", 4);
        var contactsPerNumber = settings.Int("ContactsPerNumber", 250);
        var rate = settings.Double("CommandRate", 400);
        var rates = new GraphFaultRates(settings.Double("Graph500", 0.03), settings.Double("Graph429", 0.02),
            settings.Double("GraphTimeout", 0.01), settings.Double("GraphReset", 0.01));
        var deadline = Stopwatch.GetTimestamp() + (long)(settings.Deadline.TotalSeconds * Stopwatch.Frequency);
        var started = Stats.UnixMs();

        builder.WebHost.UseUrls(settings.Required("GraphUrl"));
        var app = builder.Build();
        var graph = new FaultyGraph(settings.Seed);
        graph.Map(app);
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(settings.ServiceUrl), Timeout = TimeSpan.FromSeconds(30) };
        var accounts = Enumerable.Range(1, numbers).Select(i => $"1550000008{i:D3}").ToArray();
        foreach (var id in accounts) await Tokens.RegisterAsync(http, settings.SigningKey, id, 1000, CancellationToken.None);
        var contacts = Enumerable.Range(0, contactsPerNumber).Select(j => "553197" + j.ToString("D7", CultureInfo.InvariantCulture)).ToArray();

        var tally = new DeliveryTally();
        var firstOutcome = new ConcurrentDictionary<Guid, long>();
        var rejectedBy = new ConcurrentDictionary<string, int>();
        var queued = new ConcurrentDictionary<(string, string), byte>();
        await using var downstream = new Downstream(settings.Required("RabbitMq"), Queue)
            .On<MessageAccepted>((message, redelivered) =>
            {
                if (tally.Record(message.EventId, message.CommandId.ToString(), redelivered, "Accepted"))
                    firstOutcome.TryAdd(message.CommandId, Stopwatch.GetTimestamp());
            })
            .On<MessageRejected>((message, redelivered) =>
            {
                if (tally.Record(message.EventId, message.CommandId.ToString(), redelivered, "Rejected: " + message.Reason))
                {
                    firstOutcome.TryAdd(message.CommandId, Stopwatch.GetTimestamp());
                    rejectedBy.AddOrUpdate($"{message.Reason} ({message.ProviderCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}: {message.ProviderTitle})", 1, (_, n) => n + 1);
                }
            })
            .On<SessionQueued>((message, _) => queued.TryAdd((message.AccountId, message.ContactKey), 0));
        await downstream.StartAsync(TimeSpan.FromSeconds(60));
        var bus = Downstream.CreatePublisher(settings.Required("RabbitMq"));
        await Downstream.StartAsync(bus, TimeSpan.FromSeconds(60));

        // Free text needs the contact's 24-hour window open: each contact writes first (signed inbound webhooks).
        await OpenWindowsAsync(http, settings.AppSecret, accounts, contacts);
        var opening = Stopwatch.GetTimestamp();
        while (queued.Count < accounts.Length * contacts.Length && Stats.SecondsSince(opening) < 90) await Task.Delay(200);
        if (queued.Count < accounts.Length * contacts.Length)
            throw new InvalidOperationException($"only {queued.Count} of {accounts.Length * contacts.Length} windows opened within 90 s");
        await Task.Delay(1_000); // SessionQueued goes out just before the session is stored
        Log.Info($"{numbers} numbers registered, {queued.Count} contact windows open; faults from now on: {rates.Describe()}");

        var sends = new SendText[commands];
        for (var i = 0; i < commands; i++)
            sends[i] = new SendText(Guid.NewGuid(), accounts[i % numbers], contacts[i / numbers % contacts.Length],
                "Mensagem de teste " + i.ToString(CultureInfo.InvariantCulture));
        var ids = sends.Select(s => s.CommandId).ToHashSet();
        var publishedAt = new long[commands];
        graph.Rates = rates;

        await using var rss = new RssSampler(run);
        using var progress = new Timer(_ => run.Progress((double)firstOutcome.Count / commands), null, 0, 200);
        var publishRetries = 0;
        var publishing = Stopwatch.GetTimestamp();
        using (var inFlight = new SemaphoreSlim(PublishesInFlight))
        {
            var tasks = new List<Task>(commands);
            for (var i = 0; i < commands; i++)
            {
                var due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(publishing);
                if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due);
                await inFlight.WaitAsync();
                var index = i;
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        publishedAt[index] = Stopwatch.GetTimestamp();
                        var retries = await PublishUntilConfirmedAsync(bus, sends[index], deadline);
                        if (retries > 0) Interlocked.Add(ref publishRetries, retries);
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }));
            }
            await Task.WhenAll(tasks);
        }
        Log.Info($"{commands} commands published in {Stats.SecondsSince(publishing):F0} s ({publishRetries} publishes retried); waiting for the outcomes");

        while (Remaining(deadline) > 10 && firstOutcome.Count < commands) await Task.Delay(250);
        // A redelivered outcome or a second send would come soon after.
        await Task.Delay(3_000);
        await downstream.DisposeAsync();
        await Downstream.StopAsync(bus);
        var peak = rss.PeakMiB;
        await app.StopAsync();

        var faults = run.Faults();
        var missing = ids.Where(id => !firstOutcome.ContainsKey(id)).ToList();
        var accepted = ids.Count(id => tally.KindOf(id.ToString()) == "Accepted");
        var rejected = ids.Count(id => tally.KindOf(id.ToString()) is { } k && k.StartsWith("Rejected", StringComparison.Ordinal));
        var stray = firstOutcome.Keys.Count(id => !ids.Contains(id));
        var latencies = Enumerable.Range(0, commands)
            .Where(i => firstOutcome.ContainsKey(sends[i].CommandId) && publishedAt[i] != 0)
            .Select(i => Stopwatch.GetElapsedTime(publishedAt[i], firstOutcome[sends[i].CommandId]).TotalMilliseconds).ToList();
        var p99 = Stats.Percentile(latencies, 0.99);

        var byCommand = graph.Sends.Where(s => ids.Contains(s.CommandId)).GroupBy(s => s.CommandId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.UnixMs).ToList());
        var answers = graph.Sends.GroupBy(s => s.Answer).ToDictionary(g => g.Key, g => g.Count());
        var receivedTwice = byCommand.Count(c => c.Value.Count > 1);
        var causes = new Dictionary<string, List<Guid>>();
        foreach (var (commandId, sendsOf) in byCommand)
        {
            var delivered = sendsOf.Where(s => s.Delivered).ToList();
            if (delivered.Count < 2) continue;
            var cause = Cause(delivered[0], delivered[1], faults);
            if (!causes.TryGetValue(cause, out var list)) causes[cause] = list = [];
            list.Add(commandId);
        }
        var sentTwice = causes.Values.Sum(l => l.Count);
        var unexplained = causes.TryGetValue(UnexplainedCause, out var u) ? u.Count : 0;
        var neverSent = ids.Count(id => !byCommand.ContainsKey(id));

        var failures = new List<string>();
        if (missing.Count > 0) failures.Add($"{missing.Count} commands without an outcome");
        if (tally.DuplicatedAfterDedup > 0) failures.Add($"{tally.DuplicatedAfterDedup} commands with two outcome EventIds");
        if (tally.Conflicting > 0) failures.Add($"{tally.Conflicting} outcomes contradicting an earlier one with the same EventId");
        if (stray > 0) failures.Add($"{stray} outcomes for commands never published");
        if (unexplained > 0) failures.Add($"{unexplained} commands sent twice for no known reason");
        if (!InboundScenario.ServiceAlive(run)) failures.Add("the service was not running at the end");

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Commands under faults: {commands} SendText commands");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Commands published to RabbitMQ with publisher confirms at {rate:F0}/s over {numbers} business numbers × {contacts.Length} contacts ") +
            "(windows opened first by inbound webhooks); a publish not confirmed within 10 s is published again with the same CommandId. " +
            $"The fake Graph API injects, per request: {rates.Describe()}. Service settings for the bench: Graph attempt timeout 2 s, " +
            "total 15 s, retry delay 250 ms (3 retries, jittered, Retry-After honoured), command lease 30 s.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| commands / publishes retried | {commands} / {publishRetries} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| outcomes: accepted / rejected / **missing** | {accepted} / {rejected} / **{missing.Count}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| rejections | {(rejectedBy.IsEmpty ? "none" : string.Join("; ", rejectedBy.OrderByDescending(r => r.Value).Select(r => $"{r.Key}: {r.Value}")))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **commands with more than one outcome after dedup by EventId** | **{tally.DuplicatedAfterDedup}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| outcomes contradicting an earlier one with the same EventId | {tally.Conflicting} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| raw duplicate outcomes (same EventId again): published again / broker redeliveries | {tally.Republished} / {tally.BrokerRedeliveries} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Graph requests | {graph.Sends.Count} ({string.Join(", ", answers.OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value}"))}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| commands Graph received more than once (any answer) | {receivedTwice} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **commands Meta would have sent twice** (two requests it accepted, or accepted and lost the answer of) | **{sentTwice}** |");
        foreach (var (cause, list) in causes.OrderByDescending(c => c.Value.Count))
            text.AppendLine(CultureInfo.InvariantCulture, $"| … {cause} | {list.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| commands never sent to Graph (rejected before, or missing) | {neverSent} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| publish → outcome (p50 / p99 / max) | {Stats.Spread(latencies)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| service peak RSS | {peak} MiB |");
        text.AppendLine();
        FaultWindow.AppendList(text, faults, started);
        text.AppendLine("Why a command is sent twice — the windows, as the README describes them: (1) a retry after a timeout or a reset: Meta " +
            "had received the request, the service could not know, and the standard resilience handler retried it; (2) the service was " +
            "killed after Meta accepted a send and before the outcome was recorded in the ledger: the redelivered command finds its lease, " +
            "waits for it to expire and sends again; (3) Redis was down or restarting when the outcome was to be recorded: same effect. " +
            "A retry after a 500 or a 429 is not a second message (Meta sent nothing) and is not counted. Each command still gets one outcome: " +
            "the second send's outcome is the one recorded, and a redelivery after it publishes the recorded outcome again with the same EventId.");
        text.AppendLine();
        if (missing.Count > 0)
        {
            text.AppendLine($"Commands without an outcome (first 10): {string.Join(", ", missing.Take(10))}. " +
                "What Graph saw of them: " + string.Join("; ", missing.Take(5).Select(id =>
                    $"{id.ToString()[..8]}: {(byCommand.TryGetValue(id, out var s) ? string.Join(" → ", s.Select(x => $"{x.Answer}@{(x.UnixMs - started) / 1000.0:F1}s")) : "never sent")}")) + ".");
            text.AppendLine();
        }
        if (unexplained > 0)
        {
            text.AppendLine("Sent twice for no known reason (first 5): " + string.Join("; ", causes[UnexplainedCause].Take(5).Select(id =>
                $"{id.ToString()[..8]}: {string.Join(" → ", byCommand[id].Select(x => $"{x.Answer}@{(x.UnixMs - started) / 1000.0:F1}s"))}")) + ".");
            text.AppendLine();
        }
        text.AppendLine(failures.Count == 0 ? "**Result: passed.**" : $"**Result: FAILED** — {string.Join("; ", failures)}.");
        run.Write("outbound.md", text.ToString());
        Log.Info(failures.Count == 0 ? "passed" : "FAILED: " + string.Join("; ", failures));

        return new ScenarioSummary("commands: Graph 500/429/timeouts/resets, RabbitMQ restart, Redis restart, service SIGKILL", $"{commands} commands",
            missing.Count, tally.DuplicatedAfterDedup + tally.Conflicting, p99, "publish → outcome", peak, failures.Count == 0, failures);
    }

    private const string UnexplainedCause = "no known window (unexplained)";

    /// <summary>Why Meta got a command twice, from what the first delivered request met and the faults injected between the two.</summary>
    internal static string Cause(GraphSend first, GraphSend second, List<FaultWindow> faults)
    {
        if (first.Answer == GraphAnswer.Timeout) return "retry after a timeout (Meta had the request)";
        if (first.Answer == GraphAnswer.Reset) return "retry after a reset (Meta had the request)";
        // Accepted with a 200, then sent again: the outcome was not recorded. Which fault came between?
        var between = faults.Where(f => f.StartMs <= second.UnixMs && f.EndMs >= first.UnixMs - 1_000).Select(f => f.Name).ToList();
        if (between.Contains("kill-service")) return "the service was killed between Meta's 200 and the outcome record";
        if (between.Contains("restart-redis") || between.Contains("redis-outage")) return "Redis was down when the outcome was to be recorded";
        if (between.Contains("restart-rabbit")) return "the broker restarted while the send was in progress";
        return UnexplainedCause;
    }

    /// <returns>How many times the publish had to be repeated.</returns>
    private static async Task<int> PublishUntilConfirmedAsync(IBus bus, SendText command, long deadline)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await bus.Publish(command, timeout.Token);
                return attempt;
            }
            catch (Exception) when (Remaining(deadline) > 15)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 250 * Math.Pow(2, Math.Min(attempt, 5)))));
            }
        }
    }

    private static async Task OpenWindowsAsync(HttpClient http, string appSecret, string[] accounts, string[] contacts)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var batches = accounts.SelectMany(a => contacts.Chunk(50).Select((chunk, i) => (a, chunk, i))).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
        {
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture,
                $$"""{"object":"whatsapp_business_account","entry":[{"id":"20{{batch.a}}","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{WebhookPlan.DisplayNumber}}","phone_number_id":"{{batch.a}}"},"messages":[""");
            body.AppendJoin(',', batch.chunk.Select((c, j) =>
                $$"""{"from":"{{c}}","id":"wamid.faults.open.{{batch.a}}.{{batch.i}}.{{j}}.{{now}}","timestamp":"{{now}}","text":{"body":"oi"},"type":"text"}"""));
            body.Append("""]},"field":"messages"}]}]}""");
            var bytes = Encoding.UTF8.GetBytes(body.ToString());
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", Signing.Header(appSecret, bytes));
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode) return;
                if (attempt == 5) throw new InvalidOperationException($"opening windows: POST /webhooks/whatsapp answered {(int)response.StatusCode}");
                await Task.Delay(1_000, ct);
            }
        });
    }

    private static double Remaining(long deadline) => (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
}
