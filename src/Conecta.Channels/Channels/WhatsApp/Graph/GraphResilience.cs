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

    /// <summary>
    /// Only what can succeed at once is retried: throttling codes, 5xx, timeouts, connection failures; a Retry-After header wins.
    /// A refusal that names its own wait (131056: that recipient for 6 s; 131049: a day) is final here: the wait is the
    /// recipient's or the caller's, not this request's.
    /// </summary>
    internal static ProviderApi Api(WhatsAppOptions options) => new(options.GraphBaseUrl, options.GraphMaxRetries, options.GraphRetryDelay,
        options.GraphAttemptTimeout, options.GraphTotalTimeout, FailureOf);

    internal static async ValueTask<AttemptFailure> FailureOf(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception) return AttemptFailures.Of(exception);
        var response = outcome.Result!;
        if (response.IsSuccessStatusCode) return AttemptFailure.Final;
        var meaning = await MeaningAsync(response);
        if (!meaning.RetryNow) return AttemptFailure.Final;
        return meaning.Reason == RejectionReason.RateLimited ? AttemptFailure.Throttled : AttemptFailure.Failed;
    }

    /// <summary>Meta's code decides when there is one we know; otherwise the HTTP status (a 429 is throttling, whatever it carries).</summary>
    private static async ValueTask<GraphErrorClass> MeaningAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var error = await GraphClient.ReadErrorAsync(response, CancellationToken.None);
        return error is null ? GraphErrors.Unknown(status) : GraphErrors.Classify(error.Code, status);
    }
}
