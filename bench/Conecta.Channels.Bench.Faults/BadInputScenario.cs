using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Conecta.Channels.Bench.Faults;

/// <param name="Status">The last answer's status; null when no answer came (connection closed or reset).</param>
/// <param name="FirstServerErrorAt">Unix ms of the first 5xx, when there was one.</param>
internal sealed record BadResult(BadCase Case, int? Status, string? Error, int Attempts, long StartedAt, long? FirstServerErrorAt,
    int? FirstServerError, double Ms);

/// <summary>
/// Bad input: the generator's requests, 16 at a time, plus slow clients on raw sockets beside them, while the
/// script takes the broker down for a few seconds in the middle. A signed request answered 5xx is retried as
/// Meta would. Pass: the service never restarts, no 5xx except while the broker is down (or reconnecting), every
/// expectation met (refused, too large, accepted, dead letter), every signed poison body found whole in
/// dead_letters, peak RSS under the bound, slow clients cut off by the server.
/// </summary>
internal static class BadInputScenario
{
    public const string AccountId = "1550000007001";
    private const int SlowAtOnce = 10;
    private static readonly TimeSpan SlowCap = TimeSpan.FromSeconds(45);

    public static async Task<ScenarioSummary> RunAsync(Settings settings, RunDirectory run)
    {
        var count = settings.Scaled("BadRequests", 10_000, 300);
        var slowCount = Math.Clamp(count / 100, 5, 100);
        var concurrency = settings.Int("BadConcurrency", 16);
        var maxRss = settings.Int("MaxRssMiB", 1024);
        var started = Stats.UnixMs();
        var service = new Uri(settings.ServiceUrl);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = service, Timeout = TimeSpan.FromSeconds(40) };
        await Tokens.RegisterAsync(http, settings.SigningKey, AccountId, 1000, CancellationToken.None);

        var cases = new BadInputCases(settings.AppSecret, AccountId, settings.Seed).Make(count);
        Log.Info($"{cases.Count} requests in {cases.Select(c => c.Category).Distinct().Count()} categories, {concurrency} at a time; " +
                 $"{slowCount} slow clients beside them, {SlowAtOnce} at a time");
        var pidAtStart = run.ServicePid();
        await using var rss = new RssSampler(run);

        var results = new ConcurrentBag<BadResult>();
        var done = 0;
        using var progress = new Timer(_ => run.Progress((double)Volatile.Read(ref done) / cases.Count), null, 0, 200);
        // Bounded: what has not been answered by then is reported as such, never waited for.
        using var deadline = new CancellationTokenSource(settings.Deadline - TimeSpan.FromSeconds(30));
        var slow = RunSlowClientsAsync(service, settings.AppSecret, AccountId, slowCount, settings.Seed);
        // The largest webhooks while the broker is down, retried as Meta does: one of the retries is waiting when the broker
        // comes back, the moment a flood of publishes meets a fresh connection.
        var afterOutage = DuringOutageAsync(run, http, new BadInputCases(settings.AppSecret, AccountId, settings.Seed + 3), deadline.Token);
        var sending = Stopwatch.GetTimestamp();
        try
        {
            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = deadline.Token }, async (c, ct) =>
            {
                results.Add(await SendAsync(http, c, ct));
                Interlocked.Increment(ref done);
            });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Log.Info("the deadline came first");
        }
        var sendSeconds = Stats.SecondsSince(sending);
        Log.Info($"{results.Count} of {cases.Count} requests answered in {sendSeconds:F0} s; waiting for the slow clients");
        var slowResults = await slow;
        foreach (var r in await afterOutage) results.Add(r);
        run.Progress(1);
        var notRun = cases.Count - results.Count(r => r.Case.Category != "huge-batch-in-outage");

        // After everything: does it still answer a plain valid webhook, and quickly?
        var control = await SendAsync(http, new BadInputCases(settings.AppSecret, AccountId, settings.Seed + 1).Make(17).First(c => c.Category == "valid"),
            CancellationToken.None);
        var peak = rss.PeakMiB;
        var alive = InboundScenario.ServiceAlive(run);
        var restarted = run.ServicePid() != pidAtStart;

        var deadLetters = await DeadLetterHashesAsync(settings.Required("Postgres"));
        var outages = run.Faults();
        var all = results.OrderBy(r => r.StartedAt).ToList();
        bool DuringOutage(BadResult r) => r.FirstServerErrorAt is { } at && outages.Any(o => at >= o.StartMs && r.StartedAt <= o.EndMs + 15_000);
        var serverErrors = all.Where(r => r.FirstServerError is not null).ToList();
        var excusedErrors = serverErrors.Where(DuringOutage).ToList();
        var otherErrors = serverErrors.Where(r => !DuringOutage(r)).ToList();
        var unmet = all.Where(r => !Met(r, deadLetters)).ToList();
        var poison = all.Where(r => r.Case.Expect == Expect.DeadLetter).ToList();
        var poisonKept = poison.Count(r => deadLetters.Contains(Hash(r.Case.Body)));
        var signedAccepted = all.Where(r => r.Case.Signed && r.Status is >= 200 and < 300).ToList();
        var slowNotCut = slowResults.Where(s => s.Seconds >= SlowCap.TotalSeconds - 1).ToList();
        var slowServerErrors = slowResults.Where(s => s.Status >= 500).ToList();
        var latencies = all.Where(r => r.Status is not null).Select(r => r.Ms).ToList();
        var p99 = Stats.Percentile(latencies, 0.99);

        var failures = new List<string>();
        if (!alive || restarted) failures.Add("the service crashed or restarted");
        if (notRun > 0) failures.Add($"{notRun} requests not answered by the deadline");
        if (otherErrors.Count > 0) failures.Add($"{otherErrors.Count} requests answered 5xx while the broker was up");
        if (unmet.Count > 0) failures.Add($"{unmet.Count} requests did not get what they should ({string.Join(", ", unmet.GroupBy(u => u.Case.Category).Select(g => $"{g.Key} {g.Count()}"))})");
        if (poisonKept < poison.Count(r => r.Status is >= 200 and < 300)) failures.Add($"{poison.Count(r => r.Status is >= 200 and < 300) - poisonKept} acknowledged poison bodies not in dead_letters");
        if (peak > maxRss) failures.Add($"peak RSS {peak} MiB over the {maxRss} MiB bound");
        if (slowServerErrors.Count > 0) failures.Add($"{slowServerErrors.Count} slow clients answered 5xx (a client's fault, a 4xx is due)");
        if (slowNotCut.Count > 0) failures.Add($"{slowNotCut.Count} slow clients still connected after {SlowCap.TotalSeconds:F0} s");
        if (control.Status is not (>= 200 and < 300)) failures.Add($"a valid webhook after the run answered {control.Status?.ToString(CultureInfo.InvariantCulture) ?? control.Error}");

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Bad input: {all.Count} generated and mutated requests, {slowResults.Count} slow clients");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{concurrency} requests at a time (seeded, repeatable). A signed request answered 5xx or not at all is retried as Meta would " +
            $"(up to 8 times, backoff from 500 ms). The broker was taken down in the middle: " +
            $"{string.Join("; ", outages.Select(o => o.Describe(started)))}. " +
            $"Slow clients on raw sockets: most send a signed body one byte every 150 ms, some send their headers one byte every 500 ms.");
        text.AppendLine();
        text.AppendLine("| category | requests | expected | answers | met |");
        text.AppendLine("|---|---:|---|---|---:|");
        foreach (var g in all.GroupBy(r => r.Case.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var answers = string.Join(", ", g.GroupBy(r => r.Status?.ToString(CultureInfo.InvariantCulture) ?? r.Error ?? "none")
                .OrderByDescending(a => a.Count()).Select(a => $"{a.Key}: {a.Count()}"));
            var expects = string.Join(", ", g.Select(r => r.Case.Expect).Distinct().Select(Describe));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {g.Key} | {g.Count()} | {expects} | {answers} | {g.Count(r => Met(r, deadLetters))} |");
        }
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| service restarted or crashed | {(alive && !restarted ? "no" : "**yes**")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 5xx while the broker was down or reconnecting (retried, then accepted) | {excusedErrors.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **5xx otherwise** | **{otherErrors.Count}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| signed poison bodies acknowledged / found whole in dead_letters | {poison.Count(r => r.Status is >= 200 and < 300)} / {poisonKept} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| other signed bodies acknowledged / of them dead-lettered (partly unreadable) | {signedAccepted.Count - poisonKept} / {signedAccepted.Count(r => r.Case.Expect != Expect.DeadLetter && deadLetters.Contains(Hash(r.Case.Body)))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| dead_letters rows | {deadLetters.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| slow clients: how they ended | {string.Join(", ", slowResults.GroupBy(s => s.Kind + ": " + s.Ending).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()} (after {g.Average(s => s.Seconds):F1} s on average)"))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| answer time (p50 / p99 / max) | {Stats.Spread(latencies)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| a valid webhook after the run | {control.Status?.ToString(CultureInfo.InvariantCulture) ?? control.Error} in {Stats.Ms(control.Ms)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| service peak RSS (bound {maxRss} MiB) | {peak} MiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| requests took | {sendSeconds:F0} s |");
        text.AppendLine();
        foreach (var r in otherErrors.Take(5))
            text.AppendLine(CultureInfo.InvariantCulture, $"- 5xx with the broker up: {r.Case.Category} / {r.Case.Variant}: {r.FirstServerError} at {(r.FirstServerErrorAt - started) / 1000.0:F1} s");
        foreach (var g in unmet.GroupBy(u => (u.Case.Category, u.Case.Variant)).Take(12))
            text.AppendLine(
                $"- not as expected: {g.Key.Category} / {g.Key.Variant} (expected {Describe(g.First().Case.Expect)}): " +
                $"{string.Join(", ", g.GroupBy(r => r.Status?.ToString(CultureInfo.InvariantCulture) ?? r.Error ?? "none").Select(a => $"{a.Key} ×{a.Count()}"))}" +
                (g.First().Case.Expect == Expect.DeadLetter ? ", not in dead_letters" : ""));
        if (otherErrors.Count > 0 || unmet.Count > 0) text.AppendLine();
        text.AppendLine(failures.Count == 0 ? "**Result: passed.**" : $"**Result: FAILED** — {string.Join("; ", failures)}.");
        run.Write("bad-input.md", text.ToString());
        Log.Info(failures.Count == 0 ? "passed" : "FAILED: " + string.Join("; ", failures));

        return new ScenarioSummary("bad input: malformed, unsigned, huge, deep, slow; broker down midway",
            $"{all.Count} requests + {slowResults.Count} slow clients", poison.Count(r => r.Status is >= 200 and < 300) - poisonKept, 0, p99,
            "one request", peak, failures.Count == 0, failures);
    }

    private static string Describe(Expect e) => e switch
    {
        Expect.Refused => "401/403",
        Expect.TooLarge => "413",
        Expect.DeadLetter => "2xx + dead letter",
        Expect.Accepted => "2xx",
        _ => "not 5xx",
    };

    private static bool Met(BadResult r, HashSet<string> deadLetters) => r.Case.Expect switch
    {
        Expect.Refused => r.Status is 401 or 403,
        // The server may answer 413 and close before the client has sent everything: a closed connection counts.
        Expect.TooLarge => r.Status is 413 || (r.Status is null && r.Error is not null),
        Expect.DeadLetter => r.Status is >= 200 and < 300 && deadLetters.Contains(Hash(r.Case.Body)),
        Expect.Accepted => r.Status is >= 200 and < 300,
        _ => r.Status is not >= 500,
    };

    internal static string Hash(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private static async Task<HashSet<string>> DeadLetterHashesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT encode(sha256(raw_body), 'hex') FROM dead_letters", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) hashes.Add(reader.GetString(0));
        return hashes;
    }

    /// <summary>Waits for the broker outage to begin, then sends the largest webhooks at once (retried until accepted).</summary>
    private static async Task<List<BadResult>> DuringOutageAsync(RunDirectory run, HttpClient http, BadInputCases generator, CancellationToken cancellationToken)
    {
        try
        {
            while (run.Faults().Count == 0) await Task.Delay(100, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return [];
        }
        var batches = Enumerable.Range(0, 2).Select(_ => generator.HugeBatch() with { Category = "huge-batch-in-outage" }).ToList();
        return [.. await Task.WhenAll(batches.Select(c => SendAsync(http, c, cancellationToken)))];
    }

    private static async Task<BadResult> SendAsync(HttpClient http, BadCase c, CancellationToken cancellationToken)
    {
        var startedAt = Stats.UnixMs();
        var clock = Stopwatch.GetTimestamp();
        long? firstErrorAt = null;
        int? firstError = null;
        int? status = null;
        string? error = null;
        var attempts = 0;
        for (; attempts < 9; attempts++)
        {
            if (attempts > 0)
            {
                try { await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 500 * Math.Pow(2, attempts - 1))), cancellationToken); }
                catch (OperationCanceledException) { break; }
            }
            (status, error) = await AttemptAsync(http, c, cancellationToken);
            if (status >= 500 && firstError is null)
            {
                firstError = status;
                firstErrorAt = Stats.UnixMs();
            }
            // Meta retries anything but a 2xx; for the others one answer is the answer.
            if (!c.Signed || status is >= 200 and < 500) break;
        }
        return new BadResult(c, status, error, attempts + 1, startedAt, firstErrorAt, firstError, Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
    }

    private static async Task<(int? Status, string? Error)> AttemptAsync(HttpClient http, BadCase c, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Method is not ("GET" or "DELETE"))
        {
            request.Content = c.Chunked ? new ChunkedContent(c.Body) : new ByteArrayContent(c.Body);
            if (c.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }
        if (c.Signature is not null) request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", c.Signature);
        foreach (var (name, value) in c.Headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return ((int)response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            return (null, $"no answer ({e.HttpRequestError})");
        }
        catch (TaskCanceledException)
        {
            return (null, "no answer (timeout)");
        }
    }

    /// <summary>A body sent without Content-Length (chunked).</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < body.Length; i += 64 * 1024)
                await stream.WriteAsync(body.AsMemory(i, Math.Min(64 * 1024, body.Length - i)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    internal sealed record SlowResult(string Kind, string Ending, double Seconds, int? Status = null);

    /// <summary>Slowloris: signed bodies trickled byte by byte, and headers trickled byte by byte, on raw sockets.</summary>
    private static async Task<List<SlowResult>> RunSlowClientsAsync(Uri service, string appSecret, string accountId, int count, int seed)
    {
        var bodies = new BadInputCases(appSecret, accountId, seed + 2).Make(40).Where(c => c.Category == "valid" || c.Category == "unknown-fields")
            .Select(c => c.Body).ToList();
        var results = new ConcurrentBag<SlowResult>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = SlowAtOnce }, async (i, _) =>
        {
            var body = bodies[i % bodies.Count];
            results.Add(i % 5 == 4
                ? await TrickleAsync(service, "slow headers", Request(body, Signing.Header(appSecret, body)), [], TimeSpan.FromMilliseconds(500))
                : await TrickleAsync(service, "slow body", Request(body, Signing.Header(appSecret, body)), body, TimeSpan.FromMilliseconds(150)));
        });
        return [.. results];

        static byte[] Request(byte[] body, string signature) => Encoding.ASCII.GetBytes(
            $"POST /webhooks/whatsapp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Hub-Signature-256: {signature}\r\n" +
            $"Content-Length: {body.Length}\r\n\r\n");
    }

    /// <summary>Headers first (trickled when there is no body), then the body trickled; how and when the server ended it.</summary>
    private static async Task<SlowResult> TrickleAsync(Uri service, string kind, byte[] head, byte[] body, TimeSpan gap)
    {
        var clock = Stopwatch.GetTimestamp();
        using var tcp = new TcpClient { NoDelay = true };
        using var cap = new CancellationTokenSource(SlowCap);
        try
        {
            await tcp.ConnectAsync(service.Host, service.Port, cap.Token);
            var stream = tcp.GetStream();
            var reading = ReadStatusAsync(stream, cap.Token);
            var trickled = body.Length == 0 ? head : body;
            if (body.Length > 0) await stream.WriteAsync(head, cap.Token);
            foreach (var b in trickled)
            {
                if (reading.IsCompleted) break;
                await stream.WriteAsync(new[] { b }, cap.Token);
                await Task.WhenAny(Task.Delay(gap, cap.Token), reading);
            }
            var status = await reading;
            return new SlowResult(kind, status is null ? "connection closed by the server" : $"answered {status}", Stats.SecondsSince(clock), status);
        }
        catch (OperationCanceledException)
        {
            return new SlowResult(kind, $"still open after {SlowCap.TotalSeconds:F0} s (the bench gave up)", Stats.SecondsSince(clock));
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return new SlowResult(kind, "connection closed by the server", Stats.SecondsSince(clock));
        }
    }

    private static async Task<int?> ReadStatusAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        var read = 0;
        try
        {
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0) break;
                read += n;
                var text = Encoding.ASCII.GetString(buffer, 0, read);
                if (text.Length >= 12 && text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal)) return int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
