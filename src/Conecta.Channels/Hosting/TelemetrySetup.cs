using Conecta.Channels.Channels;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Conecta.Channels.Hosting;

internal static class TelemetrySetup
{
    /// <summary>
    /// Metrics for HTTP, MassTransit and our own counters; traces too when they are exported (over OTLP, when an endpoint
    /// is configured). Traces nobody exports are not recorded: an activity per request and per publish cost the
    /// webhooks about a sixth of their throughput (single texts, make bench's load, side by side).
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InboundMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter("MassTransit", InboundMetrics.MeterName));
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;
        telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource("MassTransit")).UseOtlpExporter();
        return builder;
    }
}
