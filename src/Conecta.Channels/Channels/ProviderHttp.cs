using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Conecta.Channels.Channels;

/// <summary>How one provider's HTTP API is called: where, how patiently, and which of its answers are worth another attempt.</summary>
/// <param name="BaseUrl">The API's base (Graph: https://graph.facebook.com; Bot API: https://api.telegram.org).</param>
/// <param name="MaxRetries">Attempts after the first, for what <paramref name="FailureOf"/> says may succeed.</param>
/// <param name="RetryDelay">Base of the jittered exponential backoff.</param>
/// <param name="FailureOf">How one attempt failed, read from the provider's answer (its error code, its status).</param>
/// <param name="RetryAfter">How long the provider asked to wait before the next attempt; null: its Retry-After header.</param>
internal sealed record ProviderApi(
    string BaseUrl,
    int MaxRetries,
    TimeSpan RetryDelay,
    TimeSpan AttemptTimeout,
    TimeSpan TotalTimeout,
    Func<Outcome<HttpResponseMessage>, ValueTask<AttemptFailure>> FailureOf,
    Func<Outcome<HttpResponseMessage>, ValueTask<TimeSpan?>>? RetryAfter = null);

internal static class ProviderHttp
{
    /// <summary>
    /// The one setup of a channel's typed provider client (the Graph API's, the Bot API's): its base URL and User-Agent; the
    /// standard resilience handler with jittered exponential retries of only what can succeed, the provider's own wait
    /// honoured, per-attempt and total timeouts, and a circuit breaker per account (<paramref name="accountKey"/>) that counts
    /// failures, never throttling; inside the retries, answers read whole and each attempt paced again where it leaves
    /// (<see cref="PacedDispatch"/>). Logged header values are redacted, and a client whose request paths hold a credential
    /// (<paramref name="pathHoldsSecret"/>: the Bot API's token) logs no requests at all: the client factory's loggers write URIs.
    /// </summary>
    /// <param name="api">Read from the channel's options when a pipeline is built.</param>
    public static IHttpClientBuilder AddProviderClient<TClient>(this IServiceCollection services, HttpRequestOptionsKey<string> accountKey,
        Func<IServiceProvider, ProviderApi> api, bool pathHoldsSecret = false) where TClient : class
    {
        var client = services.AddHttpClient<TClient>((provider, http) => Point(http, api(provider).BaseUrl))
            .RedactLoggedHeaders(_ => true);
        if (pathHoldsSecret) client.RemoveAllLoggers();
        client.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var settings = api(provider);
                resilience.Retry.ShouldHandle = async args => (await settings.FailureOf(args.Outcome)).ShouldRetry();
                resilience.Retry.MaxRetryAttempts = settings.MaxRetries;
                resilience.Retry.Delay = settings.RetryDelay;
                resilience.Retry.UseJitter = true;
                resilience.Retry.ShouldRetryAfterHeader = true;
                // Replaces the Retry-After header reader (a provider that says how long to wait in its body).
                if (settings.RetryAfter is { } retryAfter) resilience.Retry.DelayGenerator = args => retryAfter(args.Outcome);
                resilience.CircuitBreaker.ShouldHandle = async args => (await settings.FailureOf(args.Outcome)).ShouldBreak();
                resilience.AttemptTimeout.Timeout = settings.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = settings.TotalTimeout;
                resilience.CircuitBreaker.SamplingDuration = settings.AttemptTimeout * 2;
            })
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(accountKey, out var account) ? account : "");
        // Inside the retries: a connection that drops mid-body fails the attempt, so it is retried too.
        client.AddHttpMessageHandler(() => new BufferedResponses());
        client.AddPacedDispatch();
        return client;
    }

    /// <summary>The provider's base address, and a User-Agent: Meta's media downloads fail without one, and it names us in providers' logs.</summary>
    public static void Point(HttpClient http, string baseUrl)
    {
        http.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Conecta.Channels/1.0");
    }
}
