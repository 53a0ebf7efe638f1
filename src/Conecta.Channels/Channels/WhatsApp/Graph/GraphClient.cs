using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.RateLimits;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

/// <summary>The business number a call goes out as, with its own token and pinned Graph version.</summary>
internal sealed record GraphAccount(string PhoneNumberId, string AccessToken, string ApiVersion)
{
    /// <summary>The account's own Graph version, or the one the service pins (WhatsApp:GraphApiVersion).</summary>
    public static GraphAccount Of(Outbound.OutboundAccount account, WhatsAppOptions options) =>
        new(account.AccountId, account.AccessToken, account.ApiVersion ?? options.GraphApiVersion);
}

/// <summary>A Graph call's answer: its value, or Meta's refusal (or the lack of an answer). Exactly one is set.</summary>
internal sealed record GraphResult<T>(T? Value, GraphRefused? Refusal) where T : class;

/// <param name="MessageId">The wamid Meta assigned (for mark-as-read, the message marked).</param>
/// <param name="ContactId">The wa_id Meta answered, which may differ from the number sent (Brazil's ninth digit).</param>
internal sealed record GraphAccepted(string MessageId, string? ContactId);

internal sealed record GraphRefused(int HttpStatus, int? Code, string? Title, string? Details, GraphErrorClass Class);

/// <summary>
/// Typed HttpClient for the Graph API. Retries, timeouts and the per-account circuit breaker are
/// the standard resilience handler's (see <see cref="GraphResilience"/>); this class only speaks
/// the protocol and turns every answer, or the lack of one, into a <see cref="GraphResult{T}"/>.
/// </summary>
internal sealed class GraphClient(HttpClient http)
{
    /// <summary>Selects the resilience pipeline (and so the circuit breaker) of one business number.</summary>
    public static readonly HttpRequestOptionsKey<string> AccountKey = new("conecta.graph.account");

    /// <param name="edge">Where the message goes: <see cref="GraphEdges.Messages"/>, or a marketing template's
    /// <see cref="GraphEdges.MarketingMessages"/>; the body is the same on both.</param>
    /// <param name="pace">The number's limit, kept again where each attempt leaves (<see cref="PacedDispatch"/>).</param>
    public async Task<GraphResult<GraphAccepted>> SendAsync(GraphAccount account, string edge, GraphMessage message, DispatchPace pace,
        CancellationToken cancellationToken)
    {
        using var request = Request(account, HttpMethod.Post, $"{account.PhoneNumberId}/{edge}");
        request.Options.Set(DispatchPace.OptionKey, pace);
        request.Content = JsonContent.Create(message, GraphJsonContext.Default.GraphMessage);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) return new(null, await RefusalAsync(response, cancellationToken));
            var sent = await response.Content.ReadFromJsonAsync(GraphJsonContext.Default.GraphSendResponse, cancellationToken);
            return sent switch
            {
                { Messages: [var first, ..] } => new(new GraphAccepted(first.Id, sent.Contacts is [var c, ..] ? c.WaId : null), null),
                { Success: true } => new(new GraphAccepted(message.MessageId ?? "", null), null),
                _ => new(null, Unreadable((int)response.StatusCode, "a success without a message id")),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or JsonException)
        {
            // No answer, or none we can read: the message may or may not have gone; retrying may succeed.
            return new(null, new GraphRefused(0, null, e.GetType().Name, e.Message, new GraphErrorClass(Contracts.Events.RejectionReason.ChannelError, true)));
        }
    }

    internal static HttpRequestMessage Request(GraphAccount account, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, $"{account.ApiVersion}/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        request.Options.Set(AccountKey, account.PhoneNumberId);
        return request;
    }

    internal static async Task<GraphRefused> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var error = await ReadErrorAsync(response, cancellationToken);
        if (error is null) return Unreadable(status, $"HTTP {status} without a Graph error body");
        return new GraphRefused(status, error.Code, error.Message, error.ErrorData?.Details, GraphErrors.Classify(error.Code, status));
    }

    internal static async Task<GraphError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // Bytes, not a stream: the retry predicate reads the body first, and a content's read
            // stream is shared and gone once read, while its buffered bytes can be read again.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, GraphJsonContext.Default.GraphErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static GraphRefused Unreadable(int status, string details) =>
        new(status, null, "Unreadable Graph response", details, GraphErrors.Unknown(status));
}
