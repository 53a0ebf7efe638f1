using Conecta.Channels.Channels;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Conecta.Channels.Hosting;

internal static class TelemetrySetup
{
    /// <summary>Traces and metrics for HTTP, MassTransit and our own counters; exported over OTLP when an endpoint is configured.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InboundMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource("MassTransit"))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter("MassTransit", InboundMetrics.MeterName));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return builder;
    }
}
