using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Conecta.Channels.Hosting;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// Every attempt is timed (<see cref="AddProviderLatency"/>).
    /// </summary>
    /// <param name="channel">The channel whose provider this is, as the latency metric names it.</param>
    /// <param name="api">Read from the channel's options when a pipeline is built.</param>
    public static IHttpClientBuilder AddProviderClient<TClient>(this IServiceCollection services, string channel, HttpRequestOptionsKey<string> accountKey,
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
        return client.AddProviderLatency(channel);
    }

    /// <summary>
    /// Times each request of the client to its answer's headers (inside the retries: each attempt; after the pacing: the wait
    /// for a slot excluded), labelled with the channel, the method, the endpoint's template and the status.
    /// </summary>
    public static IHttpClientBuilder AddProviderLatency(this IHttpClientBuilder client, string channel)
    {
        client.Services.TryAddSingleton<ProviderMetrics>();
        return client.AddHttpMessageHandler(services =>
            new ProviderLatency(channel, services.GetRequiredService<ProviderMetrics>(), services.GetRequiredService<TimeProvider>()));
    }

    /// <summary>The provider's base address, and a User-Agent: Meta's media downloads fail without one, and it names us in providers' logs.</summary>
    public static void Point(HttpClient http, string baseUrl)
    {
        http.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Conecta.Channels/1.0");
    }
}

/// <summary>Provider calls' latency, by endpoint template: never a raw path, which holds account ids, media ids and bot tokens.</summary>
internal sealed class ProviderMetrics
{
    private readonly Histogram<double> _latency;

    public ProviderMetrics(IMeterFactory meterFactory) =>
        _latency = meterFactory.Create(TelemetrySetup.MeterName).CreateHistogram("conecta.provider.request.duration", "s",
            "Provider API calls (Graph API, Bot API) per attempt, to the answer's headers",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    /// <param name="status">The HTTP status, or error / canceled when there was no answer.</param>
    public void Answered(string channel, HttpRequestMessage request, string status, TimeSpan elapsed) =>
        _latency.Record(elapsed.TotalSeconds, new("channel", channel), new("method", request.Method.Method),
            new("endpoint", EndpointOf(request.RequestUri)), new("status", status));

    /// <summary>
    /// The request's path with every segment that is not a plain word (letters and underscores: an API's method or
    /// collection) nor an API version (v24.0) as {id}: "/v24.0/{id}/messages", "/{id}/sendMessage". No query string.
    /// </summary>
    internal static string EndpointOf(Uri? uri)
    {
        if (uri is null) return "none";
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0];
        var endpoint = new StringBuilder(path.Length);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            endpoint.Append('/').Append(IsWord(segment) || IsVersion(segment) ? segment : "{id}");
        return endpoint.Length == 0 ? "/" : endpoint.ToString();
    }

    private static bool IsWord(string segment)
    {
        foreach (var c in segment)
            if (!char.IsAsciiLetter(c) && c != '_') return false;
        return true;
    }

    private static bool IsVersion(string segment)
    {
        if (segment.Length < 2 || segment[0] != 'v') return false;
        foreach (var c in segment.AsSpan(1))
            if (!char.IsAsciiDigit(c) && c != '.') return false;
        return char.IsAsciiDigit(segment[1]);
    }
}

/// <summary>Times one attempt of a provider call for <see cref="ProviderMetrics"/>.</summary>
internal sealed class ProviderLatency(string channel, ProviderMetrics metrics, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        catch (OperationCanceledException)
        {
            status = "canceled";
            throw;
        }
        finally
        {
            metrics.Answered(channel, request, status, clock.GetElapsedTime(started));
        }
    }
}
