using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;

namespace Conecta.Channels.Bench.Outbound;

/// <summary>One send as the fake Graph API saw it: which number, which command, when (Stopwatch ticks).</summary>
internal readonly record struct Arrival(string PhoneNumberId, Guid CommandId, long At);

/// <summary>
/// The fake Graph API: POST /{version}/{phoneNumberId}/messages answers 200 with a fresh wamid and
/// records the arrival. Minimal work on purpose — it shares the machine with what it measures. The
/// body is read (the service streams it) and only scanned for biz_opaque_callback_data, the
/// CommandId the service puts in every send, so a command sent twice is seen here.
/// </summary>
internal sealed class FakeGraph
{
    private static readonly byte[] ResponseHead = "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.bench."u8.ToArray();
    private static readonly byte[] ResponseTail = "\"}]}"u8.ToArray();

    private ConcurrentQueue<Arrival> _arrivals = new();
    private long _wamids;

    /// <summary>Everything recorded since the last call, and a fresh record from now on.</summary>
    public List<Arrival> TakeArrivals() => [.. Interlocked.Exchange(ref _arrivals, new ConcurrentQueue<Arrival>())];

    public void Map(WebApplication app)
    {
        app.MapPost("/{version}/{phoneNumberId}/messages", async (string phoneNumberId, HttpContext http) =>
        {
            var at = Stopwatch.GetTimestamp();
            var commandId = await GraphCallback.ReadCommandIdAsync(http.Request.BodyReader, http.RequestAborted);
            _arrivals.Enqueue(new Arrival(phoneNumberId, commandId, at));

            var wamid = Interlocked.Increment(ref _wamids);
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            var writer = response.BodyWriter;
            writer.Write(ResponseHead);
            var span = writer.GetSpan(20);
            wamid.TryFormat(span, out var written);
            writer.Advance(written);
            writer.Write(ResponseTail);
            await writer.FlushAsync(http.RequestAborted);
        });
        app.MapGet("/health", () => Results.Ok());
    }
}
