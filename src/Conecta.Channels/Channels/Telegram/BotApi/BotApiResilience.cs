using System.Text.Json;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Conecta.Channels.Channels.Telegram.BotApi;

internal static class BotApiResilience
{
    /// <summary>
    /// The typed Bot API client with the standard resilience handler, like the Graph client: jittered exponential retries
    /// that wait Telegram's retry_after, per-attempt and total timeouts, and a circuit breaker per bot. Only what can succeed
    /// is retried: flood control within <see cref="TelegramOptions.MaxRetryAfter"/>, 5xx, timeouts, connection failures.
    /// </summary>
    public static IServiceCollection AddBotApiClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient<BotApiClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;
                http.BaseAddress = new Uri(options.BotApiBaseUrl.TrimEnd('/') + "/");
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Conecta.Channels/1.0");
            })
            // Every request path carries the bot's token, and the client factory's loggers write request URIs.
            .RemoveAllLoggers();
        client.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var options = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;
                resilience.Retry.ShouldHandle = async args => (await FailureOf(args.Outcome, options.MaxRetryAfter)).ShouldRetry();
                resilience.Retry.MaxRetryAttempts = options.BotApiMaxRetries;
                resilience.Retry.Delay = options.BotApiRetryDelay;
                resilience.Retry.UseJitter = true;
                // Replaces the Retry-After header reader: Telegram says how long to wait in the body.
                resilience.Retry.DelayGenerator = args => RetryAfter(args.Outcome);
                resilience.CircuitBreaker.ShouldHandle = async args => (await FailureOf(args.Outcome, options.MaxRetryAfter)).ShouldBreak();
                resilience.AttemptTimeout.Timeout = options.BotApiAttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.BotApiTotalTimeout;
                resilience.CircuitBreaker.SamplingDuration = options.BotApiAttemptTimeout * 2;
            })
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(BotApiClient.BotKey, out var bot) ? bot : "");
        // Inside the retries: a connection that drops mid-body fails the attempt, so it is retried too.
        client.AddHttpMessageHandler(() => new BufferedResponses());
        client.AddPacedDispatch();
        return services;
    }

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
