using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>
/// How many requests are taken per <see cref="Window"/>, in process (each instance counts its own). Generous for the
/// webhooks: Meta must never be throttled in normal load (bench/webhooks.sh sends about 4,000 a second from one source
/// and is not limited); a source beyond them is a flood, not a provider. Behind a reverse proxy every request comes from
/// the proxy's address unless forwarded headers are enabled (docs/security.md).
/// </summary>
internal sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Webhook requests from one source address per window.</summary>
    public int WebhooksPerSource { get; set; } = 10_000;

    /// <summary>Webhook requests from all sources together per window.</summary>
    public int Webhooks { get; set; } = 20_000;

    /// <summary>Admin API (and reference) requests per token per window; without a valid token, per source address.</summary>
    public int ApiPerClient { get; set; } = 1_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

/// <remarks>Refusals are not logged one by one (a flood would flood the log): ASP.NET Core counts them in its
/// aspnetcore.rate_limiting.requests metric (result rejected).</remarks>
internal static class RequestLimits
{
    /// <summary>ASP.NET Core rate limiting: webhooks per source and together, the rest per token; refusals are 429 with Retry-After.</summary>
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section)
            .Validate(o => o.WebhooksPerSource > 0 && o.Webhooks > 0 && o.ApiPerClient > 0 && o.Window > TimeSpan.Zero,
                "RequestLimits: WebhooksPerSource, Webhooks and ApiPerClient must be positive, Window longer than zero.")
            .ValidateOnStart();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestLimitsOptions>>((limiter, limits) =>
        {
            limiter.GlobalLimiter = Limiter(limits.Value);
            limiter.OnRejected = RejectAsync;
        });
        builder.Services.AddRateLimiter(_ => { });
        return builder;
    }

    /// <summary>Webhooks: their source's window, then the shared one. The admin API: the caller's window. Health: none.</summary>
    internal static PartitionedRateLimiter<HttpContext> Limiter(RequestLimitsOptions limits) => PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<HttpContext, string>(context => EndpointKindMetadata.Of(context) switch
        {
            EndpointKind.Webhook => Window("source:" + Source(context), limits.WebhooksPerSource, limits.Window),
            EndpointKind.Health => RateLimitPartition.GetNoLimiter(""),
            _ => Window(Client(context), limits.ApiPerClient, limits.Window),
        }),
        PartitionedRateLimiter.Create<HttpContext, string>(context => EndpointKindMetadata.Of(context) == EndpointKind.Webhook
            ? Window("webhooks", limits.Webhooks, limits.Window)
            : RateLimitPartition.GetNoLimiter("")));

    /// <summary>A token the authentication accepted counts as itself; anything else as its source address.</summary>
    internal static string Client(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? "token:" + context.Request.Headers.Authorization : "anonymous:" + Source(context);

    private static string Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This source or token sent more requests than the service takes per {RequestLimitsWindow(http)}; retry after {seconds} s (Retry-After).",
            },
        });
    }

    private static string RequestLimitsWindow(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.Window.ToString("c", CultureInfo.InvariantCulture);
}
