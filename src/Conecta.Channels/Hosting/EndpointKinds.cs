using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>
/// The two kinds of endpoint that are not the admin API: the public webhooks (anonymous: the channel authenticates the
/// caller itself; limited per source and together; served off the admin listener) and health (anonymous, unlimited, on
/// every listener). Everything else requires a token (the fallback policy) and is limited per token.
/// </summary>
internal enum EndpointKind { Webhook, Health }

internal sealed record EndpointKindMetadata(EndpointKind Kind)
{
    public static EndpointKind? Of(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<EndpointKindMetadata>()?.Kind;
}

internal static class EndpointKinds
{
    private static readonly EndpointKindMetadata Webhook = new(EndpointKind.Webhook);
    private static readonly EndpointKindMetadata Health = new(EndpointKind.Health);

    /// <summary>A provider's webhook: anonymous for the admin API's authentication, limited as a webhook.</summary>
    public static TBuilder AsWebhook<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(Webhook);

    /// <summary>A probe of the orchestrator: anonymous, never rate limited, on every listener.</summary>
    public static TBuilder AsHealthCheck<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(Health);

    /// <summary>
    /// With AdminApi:Port set, a request on the wrong listener is a 404, decided by the connection's local port (not the
    /// Host header, which the caller writes): the admin API is not reachable where the webhooks are published.
    /// </summary>
    public static IApplicationBuilder UseAdminListener(this IApplicationBuilder app)
    {
        var port = app.ApplicationServices.GetRequiredService<IOptions<AdminApiOptions>>().Value.Port;
        if (port is not { } adminPort) return app;
        return app.Use((context, next) =>
        {
            if (ServedOn(EndpointKindMetadata.Of(context), context.Connection.LocalPort == adminPort)) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    /// <summary>Whether an endpoint of this kind (null: the admin API, its reference, anything else) answers on this listener.</summary>
    internal static bool ServedOn(EndpointKind? kind, bool adminListener) => kind switch
    {
        EndpointKind.Health => true,
        EndpointKind.Webhook => !adminListener,
        _ => adminListener,
    };
}
