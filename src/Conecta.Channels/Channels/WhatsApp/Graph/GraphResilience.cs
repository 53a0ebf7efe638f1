using Conecta.Channels.Contracts.Events;
using Microsoft.Extensions.Options;
using Polly;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

internal static class GraphResilience
{
    /// <summary>
    /// The typed Graph client through the shared provider setup (<see cref="ProviderHttp"/>), a circuit breaker per business
    /// number; the media client streams, so it has no retries (a streamed body cannot be sent twice).
    /// </summary>
    public static IServiceCollection AddGraphClient(this IServiceCollection services)
    {
        services.AddProviderClient<GraphClient>(WebhookMapper.Channel, GraphClient.AccountKey, provider => Api(provider.GetRequiredService<IOptions<WhatsAppOptions>>().Value));
        services.AddHttpClient<GraphMediaClient>((provider, http) =>
        {
            ProviderHttp.Point(http, provider.GetRequiredService<IOptions<WhatsAppOptions>>().Value.GraphBaseUrl);
            http.Timeout = TimeSpan.FromMinutes(5);
        }).RedactLoggedHeaders(_ => true).AddProviderLatency(WebhookMapper.Channel);
        return services;
    }

    /// <summary>Only what can succeed is retried: throttling codes, 5xx, timeouts, connection failures; a Retry-After header wins.</summary>
    internal static ProviderApi Api(WhatsAppOptions options) => new(options.GraphBaseUrl, options.GraphMaxRetries, options.GraphRetryDelay,
        options.GraphAttemptTimeout, options.GraphTotalTimeout, FailureOf);

    internal static async ValueTask<AttemptFailure> FailureOf(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception) return AttemptFailures.Of(exception);
        var response = outcome.Result!;
        if (response.IsSuccessStatusCode) return AttemptFailure.Final;
        var status = (int)response.StatusCode;
        // Whatever code comes with it, a 429 is Meta asking us to slow down.
        if (status == 429) return AttemptFailure.Throttled;
        var error = await GraphClient.ReadErrorAsync(response, CancellationToken.None);
        if (error is not null)
        {
            var meaning = GraphErrors.Classify(error.Code, status);
            if (!meaning.Retryable) return AttemptFailure.Final;
            return meaning.Reason == RejectionReason.RateLimited ? AttemptFailure.Throttled : AttemptFailure.Failed;
        }
        return status is 408 or >= 500 ? AttemptFailure.Failed : AttemptFailure.Final;
    }
}
