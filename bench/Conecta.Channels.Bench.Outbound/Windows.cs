using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Bench.Outbound;

/// <summary>
/// Free text goes only to a contact whose 24-hour window is open, so before anything is measured
/// every (number, contact) pair the scenarios use writes to the business first: signed inbound
/// webhooks, as Meta would send them, many messages per webhook. Done when the service has
/// published SessionQueued for every pair (it publishes before it stores, so a short pause follows).
/// </summary>
internal sealed class WindowOpener(HttpClient service, string appSecret)
{
    private const int MessagesPerWebhook = 100;
    private const int WebhooksInFlight = 4;

    private readonly ConcurrentDictionary<(string Account, string Contact), byte> _queued = new();
    private int _expected = int.MaxValue;
    private readonly TaskCompletionSource _allOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Opened => _queued.Count;

    public void Queued(SessionQueued queued)
    {
        _queued.TryAdd((queued.AccountId, queued.ContactKey), 0);
        if (_queued.Count >= Volatile.Read(ref _expected)) _allOpen.TrySetResult();
    }

    public async Task<bool> OpenAsync(IReadOnlyList<string> numbers, IReadOnlyList<string> contacts, TimeSpan timeout)
    {
        Volatile.Write(ref _expected, numbers.Count * contacts.Count);
        if (_queued.Count >= _expected) _allOpen.TrySetResult();
        var run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        var batches = numbers.SelectMany(number => contacts.Chunk(MessagesPerWebhook).Select((chunk, i) => (number, chunk, i))).ToList();
        using var cancel = new CancellationTokenSource(timeout);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = WebhooksInFlight, CancellationToken = cancel.Token },
            async (batch, ct) => await PostAsync(batch.number, batch.chunk, $"{run}.{batch.i}", ct));
        var finished = await Task.WhenAny(_allOpen.Task, Task.Delay(Timeout.Infinite, cancel.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        if (finished != _allOpen.Task) return false;
        // SessionQueued goes out just before the session is stored.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return true;
    }

    private async Task PostAsync(string number, string[] contacts, string batch, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = new StringBuilder(200 + contacts.Length * 160);
        body.Append(CultureInfo.InvariantCulture, $$"""{"object":"whatsapp_business_account","entry":[{"id":"20{{number}}","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"553130000000","phone_number_id":"{{number}}"},"messages":[""");
        for (var i = 0; i < contacts.Length; i++)
        {
            if (i > 0) body.Append(',');
            body.Append(CultureInfo.InvariantCulture,
                $$"""{"from":"{{contacts[i]}}","id":"wamid.bench.open.{{number}}.{{batch}}.{{i}}","timestamp":"{{now}}","text":{"body":"oi"},"type":"text"}""");
        }
        body.Append("""]},"field":"messages"}]}]}""");
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), bytes)));
        using var response = await service.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /webhooks/whatsapp answered {(int)response.StatusCode}: " +
                                                await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>How long opening took, for the log.</summary>
    public static string Took(long since) => $"{Stopwatch.GetElapsedTime(since).TotalSeconds:F1} s";
}
