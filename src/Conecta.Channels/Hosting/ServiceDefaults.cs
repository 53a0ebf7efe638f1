using Conecta.Channels.DevTools;

namespace Conecta.Channels.Hosting;

internal static class ServiceDefaults
{
    /// <summary>ProblemDetails for every error, health checks, TimeProvider and the development banner.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DevelopmentBanner>();
        if (builder.Environment.IsDevelopment()) builder.Services.AddSingleton<PublishedEventFeed>();
        return builder;
    }
}
