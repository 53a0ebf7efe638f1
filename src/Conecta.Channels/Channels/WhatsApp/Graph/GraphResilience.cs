using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.RateLimits;
using Polly;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

internal static class GraphResilience
{
    /// <summary>
    /// The typed Graph client with the standard resilience handler: jittered exponential retries
    /// honouring Retry-After, per-attempt and total timeouts, and a circuit breaker per business
    /// number. Only what can succeed is retried: throttling codes, 5xx, timeouts, connection failures.
    /// </summary>
    public static IServiceCollection AddGraphClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient<GraphClient>(ConfigureBaseAddress);
        client.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var options = provider.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
                resilience.Retry.ShouldHandle = async args => (await FailureOf(args.Outcome)).ShouldRetry();
                resilience.Retry.MaxRetryAttempts = options.GraphMaxRetries;
                resilience.Retry.Delay = options.GraphRetryDelay;
                resilience.Retry.UseJitter = true;
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.CircuitBreaker.ShouldHandle = async args => (await FailureOf(args.Outcome)).ShouldBreak();
                resilience.AttemptTimeout.Timeout = options.GraphAttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.GraphTotalTimeout;
                resilience.CircuitBreaker.SamplingDuration = options.GraphAttemptTimeout * 2;
            })
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(GraphClient.AccountKey, out var account) ? account : "");
        // Inside the retries: a connection that drops mid-body fails the attempt, so it is retried too.
        client.AddHttpMessageHandler(() => new BufferedResponses());
        client.AddPacedDispatch();
        services.AddHttpClient<GraphMediaClient>((provider, http) =>
        {
            ConfigureBaseAddress(provider, http);
            http.Timeout = TimeSpan.FromMinutes(5);
        });
        return services;
    }

    internal static void ConfigureBaseAddress(IServiceProvider provider, HttpClient http)
    {
        var options = provider.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
        http.BaseAddress = new Uri(options.GraphBaseUrl.TrimEnd('/') + "/");
        // Media downloads fail without a User-Agent, and it identifies us in Meta's logs.
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Conecta.Channels/1.0");
    }

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
