using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;

namespace Conecta.Channels.Bench.Faults;

/// <summary>What the fake Graph API did with one send.</summary>
internal enum GraphAnswer
{
    /// <summary>200 with a wamid: Meta accepted and will deliver the message.</summary>
    Ok,

    /// <summary>500, Graph code 131000: nothing was sent.</summary>
    ServerError,

    /// <summary>429 with Retry-After: 1, Graph code 130429: nothing was sent.</summary>
    Throttled,

    /// <summary>The request was read and the message sent, but no answer came back before the caller's timeout.</summary>
    Timeout,

    /// <summary>The request was read and the message sent, then the connection was reset before any answer.</summary>
    Reset,
}

/// <param name="UnixMs">When the request arrived.</param>
internal readonly record struct GraphSend(Guid CommandId, long UnixMs, GraphAnswer Answer)
{
    /// <summary>Meta would have delivered this one to the contact: accepted, or accepted and the answer lost.</summary>
    public bool Delivered => Answer is GraphAnswer.Ok or GraphAnswer.Timeout or GraphAnswer.Reset;
}

/// <summary>How often each failure is injected, per request (independent draws).</summary>
internal sealed record GraphFaultRates(double ServerError, double Throttled, double Timeout, double Reset)
{
    public static readonly GraphFaultRates None = new(0, 0, 0, 0);

    public string Describe() =>
        $"{ServerError:P0} 500 (code 131000), {Throttled:P0} 429 with Retry-After: 1 (code 130429), " +
        $"{Timeout:P0} timeouts (request read, no answer until the caller gives up), {Reset:P0} resets (request read, connection aborted)";
}

/// <summary>
/// The Graph API with faults: POST /{version}/{phoneNumberId}/messages draws a fault per request, answers
/// accordingly and records, per CommandId (the service puts it in biz_opaque_callback_data), every request it
/// received and what it did. Timeouts and resets happen after the request was read, so they stand for
/// "Meta sent the message and the answer was lost". Also a minimal template API (create, list, delete) for the
/// admin scenario.
/// </summary>
internal sealed class FaultyGraph(int seed)
{
    private static readonly byte[] ServerErrorBody =
        """{"error":{"message":"(#131000) Something went wrong","type":"OAuthException","code":131000,"error_data":{"messaging_product":"whatsapp","details":"injected by the fault bench"},"fbtrace_id":"faults"}}"""u8.ToArray();
    private static readonly byte[] ThrottledBody =
        """{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"error_data":{"messaging_product":"whatsapp","details":"injected by the fault bench"},"fbtrace_id":"faults"}}"""u8.ToArray();

    private readonly ConcurrentQueue<GraphSend> _sends = new();
    private readonly Random _random = new(seed);
    private readonly Lock _randomLock = new();
    private long _wamids;

    private GraphFaultRates _rates = GraphFaultRates.None;

    /// <summary>What is injected from now on.</summary>
    public GraphFaultRates Rates
    {
        get => Volatile.Read(ref _rates);
        set => Volatile.Write(ref _rates, value);
    }

    public IReadOnlyCollection<GraphSend> Sends => _sends;

    public void Map(WebApplication app)
    {
        app.MapPost("/{version}/{phoneNumberId}/messages", HandleSendAsync);
        app.MapPost("/{version}/{waba}/message_templates", () => Results.Text(
            $$"""{"id":"{{Interlocked.Increment(ref _wamids)}}","status":"PENDING","category":"UTILITY"}""", "application/json"));
        app.MapGet("/{version}/{waba}/message_templates", () => Results.Text("""{"data":[],"paging":{}}""", "application/json"));
        app.MapDelete("/{version}/{waba}/message_templates", () => Results.Text("""{"success":true}""", "application/json"));
        app.MapGet("/{version}/{mediaId}", () => Results.Text(
            """{"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"faults"}}""",
            "application/json", statusCode: StatusCodes.Status400BadRequest));
        app.MapGet("/health", () => Results.Ok());
    }

    private GraphAnswer Draw()
    {
        double roll;
        lock (_randomLock) roll = _random.NextDouble();
        var rates = Rates;
        if ((roll -= rates.ServerError) < 0) return GraphAnswer.ServerError;
        if ((roll -= rates.Throttled) < 0) return GraphAnswer.Throttled;
        if ((roll -= rates.Timeout) < 0) return GraphAnswer.Timeout;
        if ((roll -= rates.Reset) < 0) return GraphAnswer.Reset;
        return GraphAnswer.Ok;
    }

    private async Task HandleSendAsync(HttpContext http)
    {
        Guid commandId;
        try
        {
            commandId = await GraphCallback.ReadCommandIdAsync(http.Request.BodyReader, http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            return; // the caller went away before the request was complete: nothing was sent
        }
        var answer = Draw();
        _sends.Enqueue(new GraphSend(commandId, Stats.UnixMs(), answer));
        var response = http.Response;
        switch (answer)
        {
            case GraphAnswer.ServerError:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                response.ContentType = "application/json";
                await response.Body.WriteAsync(ServerErrorBody);
                return;
            case GraphAnswer.Throttled:
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "1";
                response.ContentType = "application/json";
                await response.Body.WriteAsync(ThrottledBody);
                return;
            case GraphAnswer.Timeout:
                // Sent, but the answer never comes in time: hold until the caller gives up (or 20 s).
                try { await Task.Delay(TimeSpan.FromSeconds(20), http.RequestAborted); }
                catch (OperationCanceledException) { return; }
                break;
            case GraphAnswer.Reset:
                http.Abort();
                return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        var wamid = Interlocked.Increment(ref _wamids);
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(
            $$"""{"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],"messages":[{"id":"wamid.faults.graph.{{wamid}}"}]}"""));
    }
}
