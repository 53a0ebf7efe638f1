using Conecta.Channels.Hosting;

namespace Conecta.Channels.Channels;

internal static class WebhooksApi
{
    /// <summary>Every registered channel's webhook (<see cref="ChannelSetup.AddChannel{TChannel, TInbound}"/>), each through the one pipeline.</summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").WithTags("Webhooks").ExcludeFromDescription().AsWebhook();
        foreach (var webhook in app.ServiceProvider.GetServices<ChannelWebhook>())
            group.MapPost(webhook.Route, (HttpRequest request, InboundPipeline pipeline, CancellationToken cancellationToken) =>
                Receive(webhook.Inbound(request.HttpContext.RequestServices), request, pipeline, cancellationToken));
        return app;
    }

    /// <summary>200 once every event is durable, 503 otherwise (the provider retries): see <see cref="InboundPipeline"/>.</summary>
    internal static Task<IResult> Receive(IInboundChannel channel, HttpRequest request, InboundPipeline pipeline, CancellationToken cancellationToken) =>
        pipeline.ReceiveAsync(channel, request, request.RouteValues["accountId"] as string, cancellationToken);
}
