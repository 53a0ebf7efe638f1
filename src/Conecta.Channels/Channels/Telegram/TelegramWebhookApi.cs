using Conecta.Channels.Hosting;

namespace Conecta.Channels.Channels.Telegram;

internal static class TelegramWebhookApi
{
    public static IEndpointRouteBuilder MapTelegramWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/webhooks/telegram").WithTags("Webhooks").ExcludeFromDescription().AsWebhook()
            .MapPost("/{accountId}", Receive);
        return app;
    }

    /// <summary>
    /// One update, made durable before the 200 exactly like WhatsApp's webhook (see <see cref="InboundPipeline"/>).
    /// Telegram retries anything but a 2xx; a duplicate update_id publishes nothing.
    /// </summary>
    internal static Task<IResult> Receive(string accountId, HttpRequest request, InboundPipeline pipeline, TelegramInbound channel,
        CancellationToken cancellationToken) =>
        pipeline.ReceiveAsync(channel, request, accountId, cancellationToken);
}
