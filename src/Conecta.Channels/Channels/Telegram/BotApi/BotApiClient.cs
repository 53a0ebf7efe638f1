using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Conecta.Channels.Channels.Telegram.Payloads;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.RateLimits;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Conecta.Channels.Channels.Telegram.BotApi;

/// <summary>The bot a call goes out as. The token is part of the request path: never log a request URI.</summary>
internal sealed record BotAccount(string BotId, string Token);

/// <param name="ErrorCode">The Bot API's error_code (its HTTP status); 0 when no answer came.</param>
/// <param name="RetryAfter">How long Telegram asked to wait (429 only).</param>
/// <param name="MigratedToChat">A group upgraded to a supergroup: the chat id to send to from now on.</param>
internal sealed record BotApiRefusal(int ErrorCode, string? Description, TimeSpan? RetryAfter, BotApiErrorClass Class, string? MigratedToChat = null);

/// <summary>A Bot API call's result, or why there is none.</summary>
internal sealed record BotApiResult<T>(T? Value, BotApiRefusal? Refusal);

/// <summary>
/// Typed HttpClient for the Bot API. Retries (honouring retry_after), timeouts and the per-bot circuit breaker are the
/// standard resilience handler's (see <see cref="BotApiResilience"/>); this class speaks the protocol and turns every
/// answer, or the lack of one, into a result.
/// </summary>
internal sealed class BotApiClient(HttpClient http)
{
    /// <summary>Selects the resilience pipeline (and so the circuit breaker) of one bot.</summary>
    public static readonly HttpRequestOptionsKey<string> BotKey = new("conecta.telegram.bot");

    /// <param name="method">sendMessage, sendPhoto, …: the one <see cref="BotSend"/> fits them all.</param>
    /// <param name="pace">The bot's limit, kept again where each attempt leaves (<see cref="PacedDispatch"/>).</param>
    public Task<BotApiResult<MessagePayload>> SendAsync(BotAccount bot, string method, BotSend send, DispatchPace pace, CancellationToken cancellationToken) =>
        CallAsync(bot, method, JsonContent.Create(send, BotApiJsonContext.Default.BotSend), BotApiJsonContext.Default.BotResponseMessagePayload,
            cancellationToken, pace);

    /// <summary>sendChatAction: answers true, not a message.</summary>
    public Task<BotApiResult<bool>> ActAsync(BotAccount bot, BotSend action, DispatchPace pace, CancellationToken cancellationToken) =>
        CallAsync(bot, "sendChatAction", JsonContent.Create(action, BotApiJsonContext.Default.BotSend), BotApiJsonContext.Default.BotResponseBoolean,
            cancellationToken, pace);

    /// <summary>getFile: where the file can be downloaded from (its file_path), for at least an hour.</summary>
    public Task<BotApiResult<BotFile>> GetFileAsync(BotAccount bot, string fileId, CancellationToken cancellationToken) =>
        CallAsync(bot, "getFile", JsonContent.Create(new BotGetFile(fileId), BotApiJsonContext.Default.BotGetFile), BotApiJsonContext.Default.BotResponseBotFile,
            cancellationToken);

    public Task<BotApiResult<bool>> SetWebhookAsync(BotAccount bot, BotSetWebhook webhook, CancellationToken cancellationToken) =>
        CallAsync(bot, "setWebhook", JsonContent.Create(webhook, BotApiJsonContext.Default.BotSetWebhook), BotApiJsonContext.Default.BotResponseBoolean,
            cancellationToken);

    public Task<BotApiResult<bool>> DeleteWebhookAsync(BotAccount bot, CancellationToken cancellationToken) =>
        CallAsync(bot, "deleteWebhook", JsonContent.Create(new BotDeleteWebhook(DropPendingUpdates: false), BotApiJsonContext.Default.BotDeleteWebhook),
            BotApiJsonContext.Default.BotResponseBoolean, cancellationToken);

    private async Task<BotApiResult<T>> CallAsync<T>(BotAccount bot, string method, HttpContent content, JsonTypeInfo<BotResponse<T>> answer,
        CancellationToken cancellationToken, DispatchPace? pace = null)
    {
        // "./": the token holds a ':', which would otherwise read as the scheme of an absolute URI.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"./bot{bot.Token}/{method}") { Content = content };
        request.Options.Set(BotKey, bot.BotId);
        if (pace is not null) request.Options.Set(DispatchPace.OptionKey, pace);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return ResultOf(response, await ReadAsync(response, answer, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            return NoAnswer<T>(e);
        }
    }

    /// <summary>An answer as a result: its value when ok, else Telegram's refusal, or the HTTP status when the body is no Bot API answer.</summary>
    internal static BotApiResult<T> ResultOf<T>(HttpResponseMessage response, BotResponse<T>? answer)
    {
        var status = (int)response.StatusCode;
        return answer switch
        {
            { Ok: true, Result: not null } ok when response.IsSuccessStatusCode => new BotApiResult<T>(ok.Result, null),
            { Ok: false, ErrorCode: { } code } error => Refused<T>(code, error.Description, error.Parameters),
            _ => Refused<T>(status, $"HTTP {status} without a Bot API answer", parameters: null),
        };
    }

    /// <summary>No answer, or none we can read: the message may or may not have gone; retrying may succeed.</summary>
    internal static BotApiResult<T> NoAnswer<T>(Exception e) =>
        new(default, new BotApiRefusal(0, $"{e.GetType().Name}: {e.Message}", null, new BotApiErrorClass(RejectionReason.ChannelError, true)));

    /// <summary>The answer, or null when the body is no Bot API answer. Bytes, not a stream: the retry predicate may have read them already.</summary>
    internal static async Task<BotResponse<T>?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<BotResponse<T>> answer,
        CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, answer);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static BotApiResult<T> Refused<T>(int code, string? description, BotResponseParameters? parameters) =>
        new(default, new BotApiRefusal(code, description, parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            BotApiErrors.Classify(code, description), parameters?.MigrateToChatId is { } chat ? ChatIds.Of(chat) : null));
}
