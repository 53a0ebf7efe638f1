using Conecta.Channels.DevTools;

namespace Conecta.Channels.Hosting;

internal static class ServiceDefaults
{
    /// <summary>ProblemDetails for every error (a request the client broke gets its 4xx, saying where), health checks, TimeProvider and the development banner.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClientRequestErrors>();
        // In every environment, so a malformed body gets ClientRequestErrors' answer (where it broke) rather than a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DevelopmentBanner>();
        if (builder.Environment.IsDevelopment()) builder.Services.AddSingleton<PublishedEventFeed>();
        return builder;
    }
}
