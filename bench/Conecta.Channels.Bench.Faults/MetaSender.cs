using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Conecta.Channels.Bench.Faults;

/// <summary>
/// Sends webhooks the way Meta does: signed, many at once, and every answer that is not 2xx (or no answer
/// within the timeout, or a broken connection) is retried later with the same bytes, with a growing backoff.
/// Meta keeps sending new webhooks meanwhile and retries for up to 7 days with backoffs of minutes to hours;
/// this bench's backoff starts at 200 ms and stops growing at 5 s, so an outage costs seconds, not hours.
/// A retry does not hold a connection while it waits.
/// </summary>
internal sealed class MetaSender(HttpClient http, string appSecret, int concurrency, TimeSpan attemptTimeout) : IDisposable
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _slots = new(concurrency);
    private readonly ConcurrentDictionary<string, int> _answers = new();
    private readonly ConcurrentBag<double> _attemptMs = [];
    private readonly ConcurrentBag<(long At, int Status)> _serverErrors = [];
    private int _acknowledged;
    private int _retried;
    private long _attempts;

    public void Dispose() => _slots.Dispose();

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public int RetriedWebhooks => Volatile.Read(ref _retried);

    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Answers by kind ("200", "503", "timeout", "HttpRequestException: ConnectionError", …) over all attempts.</summary>
    public IReadOnlyDictionary<string, int> Answers => _answers;

    public List<double> AttemptLatenciesMs() => [.. _attemptMs];

    /// <summary>When each 5xx was answered (unix ms) and its status.</summary>
    public IReadOnlyCollection<(long At, int Status)> ServerErrors => _serverErrors;

    /// <summary>Sends every webhook until acknowledged or the deadline; first-attempt times are written to <paramref name="firstAttempt"/>.</summary>
    /// <returns>The webhooks never acknowledged.</returns>
    public async Task<List<PlannedWebhook>> SendAllAsync(IReadOnlyList<PlannedWebhook> plan, long[] firstAttempt, Action<int> onAcknowledged,
        CancellationToken deadline)
    {
        var acknowledged = new bool[plan.Count];
        var tasks = new List<Task>(plan.Count);
        try
        {
            foreach (var webhook in plan)
            {
                await _slots.WaitAsync(deadline);
                tasks.Add(DeliverAsync(webhook, firstAttempt, acknowledged, onAcknowledged, deadline));
            }
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The deadline: what is still pending is reported, not waited for.
        }
        return [.. plan.Where(w => !Volatile.Read(ref acknowledged[w.Index]))];
    }

    /// <summary>Called holding a slot; retries release it while they wait.</summary>
    private async Task DeliverAsync(PlannedWebhook webhook, long[] firstAttempt, bool[] acknowledged, Action<int> onAcknowledged,
        CancellationToken deadline)
    {
        var attempt = 0;
        firstAttempt[webhook.Index] = Stopwatch.GetTimestamp();
        var signature = Signing.Header(appSecret, webhook.Body);
        try
        {
            while (true)
            {
                attempt++;
                bool ok;
                try
                {
                    ok = await AttemptAsync(webhook.Body, signature, deadline);
                }
                finally
                {
                    _slots.Release();
                }
                if (ok)
                {
                    Volatile.Write(ref acknowledged[webhook.Index], true);
                    Interlocked.Increment(ref _acknowledged);
                    onAcknowledged(webhook.Index);
                    return;
                }
                if (attempt == 1) Interlocked.Increment(ref _retried);
                var backoff = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 10)));
                await Task.Delay(TimeSpan.FromMilliseconds(backoff * (0.5 + Random.Shared.NextDouble() / 2)), deadline);
                await _slots.WaitAsync(deadline);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Reported as not acknowledged.
        }
    }

    private async Task<bool> AttemptAsync(byte[] body, string signature, CancellationToken deadline)
    {
        Interlocked.Increment(ref _attempts);
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        timeout.CancelAfter(attemptTimeout);
        string answer;
        var ok = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            answer = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ok = response.IsSuccessStatusCode;
            if (status >= 500) _serverErrors.Add((Stats.UnixMs(), status));
        }
        catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
        {
            answer = "timeout";
        }
        catch (HttpRequestException e)
        {
            answer = $"{nameof(HttpRequestException)}: {e.HttpRequestError}";
        }
        _attemptMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _answers.AddOrUpdate(answer, 1, (_, n) => n + 1);
        return ok;
    }
}
