using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Conecta.Channels.Hosting;

internal static class TelemetrySetup
{
    /// <summary>The service's own meter: every feature's instruments (docs/operating.md lists them).</summary>
    public const string MeterName = "Conecta.Channels";

    /// <summary>
    /// Metrics for HTTP, MassTransit and our own instruments, scraped at /metrics (Prometheus text) when Metrics:Access is
    /// not Off; traces too when they are exported (over OTLP, when an endpoint is configured). Traces nobody exports are
    /// not recorded: an activity per request and per publish cost the webhooks about a sixth of their throughput (single
    /// texts, make bench's load, side by side).
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        // Read here too: with the scrape off, no reader aggregates for it.
        var scraped = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Access is MetricsAccess.Token or MetricsAccess.Anonymous;
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation().AddMeter("MassTransit", MeterName);
            if (scraped) metrics.AddPrometheusExporter();
        });
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;
        telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource("MassTransit")).UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// GET /metrics in Prometheus text format, unless Metrics:Access is Off: with a reader token (Token) or without one
    /// (Anonymous), answering only on the listener <see cref="MetricsOptions.ServedOn"/> names (404 elsewhere).
    /// </summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Access == MetricsAccess.Off) return app;
        var adminPort = app.ServiceProvider.GetRequiredService<IOptions<AdminApiOptions>>().Value.Port;
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsOptions.Path, meterProvider: null,
            configureBranchedPipeline: branch => branch.Use((context, next) => OnItsListener(context, next, options, adminPort)), optionsName: null)
            .AsMetrics();
        if (options.Access == MetricsAccess.Anonymous) endpoint.AllowAnonymous();
        else endpoint.RequireAuthorization(AdminTokens.ReadPolicy);
        return app;
    }

    private static Task OnItsListener(HttpContext context, RequestDelegate next, MetricsOptions options, int? adminPort)
    {
        if (options.ServedOn(context.Connection.LocalPort, adminPort)) return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
