using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

/// <summary>WhatsApp's side of the inbound seam: Meta's signature over the body, and <see cref="WebhookMapper"/>.</summary>
internal sealed class WhatsAppInbound(WebhookSignature signature, IOptions<WhatsAppOptions> options) : IInboundChannel
{
    public InboundChannelInfo Info { get; } = new(WebhookMapper.Channel, options.Value.MaxWebhookBodyBytes, "phone_number_id",
        // Meta signs with the app's secret, not the number's: an unknown phone_number_id proves nothing about being ours.
        UnknownAccountHandling.DeadLetter);

    public WebhookVerdict Verify(HttpRequest request, string? accountId, ReadOnlySpan<byte> body, bool bodyRead) =>
        !bodyRead ? WebhookVerdict.NeedsBody
        : signature.IsValid(request.Headers[WebhookSignature.HeaderName], body) ? WebhookVerdict.Authentic
        : WebhookVerdict.Forged;

    public InboundBatch Map(byte[] body, string? accountId, DateTimeOffset receivedAt)
    {
        try
        {
            var mapped = WebhookMapper.Map(body, receivedAt);
            return new InboundBatch(mapped.Events, mapped.Problems);
        }
        catch (UnreadableWebhookException e)
        {
            return InboundBatch.Unreadable(e.Message);
        }
    }
}
