using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;

namespace Conecta.Channels.Channels.Telegram.BotApi;

internal static class BotApiResilience
{
    /// <summary>
    /// The typed Bot API client through the shared provider setup (<see cref="ProviderHttp"/>), like the Graph client: a circuit
    /// breaker per bot, and no request logged (every path carries the bot's token). Beside it the file client, streamed, never
    /// retried and logging nothing either.
    /// </summary>
    public static IServiceCollection AddBotApiClient(this IServiceCollection services)
    {
        services.AddProviderClient<BotApiClient>(TelegramUpdates.Channel, BotApiClient.BotKey, provider => Api(provider.GetRequiredService<IOptions<TelegramOptions>>().Value),
            pathHoldsSecret: true);
        services.AddHttpClient<BotApiFiles>((provider, http) =>
        {
            ProviderHttp.Point(http, provider.GetRequiredService<IOptions<TelegramOptions>>().Value.BotApiBaseUrl);
            http.Timeout = TimeSpan.FromMinutes(5);
        }).RemoveAllLoggers().AddProviderLatency(TelegramUpdates.Channel);
        return services;
    }

    /// <summary>
    /// Only what can succeed is retried: flood control within <see cref="TelegramOptions.MaxRetryAfter"/> (after Telegram's
    /// retry_after), 5xx, timeouts, connection failures.
    /// </summary>
    internal static ProviderApi Api(TelegramOptions options) => new(options.BotApiBaseUrl, options.BotApiMaxRetries, options.BotApiRetryDelay,
        options.BotApiAttemptTimeout, options.BotApiTotalTimeout, outcome => FailureOf(outcome, options.MaxRetryAfter), RetryAfter);

    internal static async ValueTask<AttemptFailure> FailureOf(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Exception is { } exception) return AttemptFailures.Of(exception);
        var response = outcome.Result!;
        if (response.IsSuccessStatusCode) return AttemptFailure.Final;
        var error = await ErrorOf(response);
        var status = (int)response.StatusCode;
        // Waiting longer than that in process would hold the command past any sensible deadline: the caller retries later.
        if (error?.ErrorCode is 429 || status == 429)
            return await RetryAfter(outcome) is not { } wait || wait <= maxRetryAfter ? AttemptFailure.Throttled : AttemptFailure.Final;
        var retryable = error?.ErrorCode is { } code ? BotApiErrors.Classify(code, error.Description).Retryable : status is 408 or >= 500;
        return retryable ? AttemptFailure.Failed : AttemptFailure.Final;
    }

    /// <summary>Telegram's retry_after (seconds, in the body), else a Retry-After header; null lets the backoff decide.</summary>
    internal static async ValueTask<TimeSpan?> RetryAfter(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is not { } response) return null;
        return (await ErrorOf(response))?.Parameters?.RetryAfter is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : response.Headers.RetryAfter?.Delta;
    }

    private static Task<BotResponse<JsonElement>?> ErrorOf(HttpResponseMessage response) =>
        BotApiClient.ReadAsync(response, BotApiJsonContext.Default.BotResponseJsonElement, CancellationToken.None);
}
