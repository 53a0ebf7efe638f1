using Conecta.Channels.DevTools;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

internal static class ServiceDefaults
{
    /// <summary>
    /// The largest request body an endpoint takes unless it says otherwise: the webhooks read up to their channel's limit
    /// (WhatsApp:MaxWebhookBodyBytes, Telegram:MaxWebhookBodyBytes) and the media upload up to its own.
    /// </summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// ProblemDetails for every error (a request the client broke gets its 4xx, saying where), health checks, TimeProvider,
    /// the development banner, and outside Development the refusal to start without all three servers.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServerConnections>().BindConfiguration(ServerConnections.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServerConnections>, ServerConnectionsValidator>();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
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
