using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Microsoft.AspNetCore.Http;

namespace Conecta.Channels.IntegrationTests.ThirdChannel;

/// <summary>
/// Relay's webhook: POST /webhooks/relay/{accountId} with the shared key in X-Relay-Key and one message,
/// {"id", "from", "text", "sentAt"} (unix seconds). Verify and map only; everything else is the shared pipeline's.
/// </summary>
internal sealed class RelayInbound(RelaySettings settings) : IInboundChannel
{
    public const string KeyHeader = "X-Relay-Key";

    public InboundChannelInfo Info { get; } = new(RelayChannel.Name, 64 * 1024, "relay account", UnknownAccountHandling.DeadLetter);

    public WebhookVerdict Verify(HttpRequest request, string? accountId, ReadOnlySpan<byte> body, bool bodyRead) =>
        accountId is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(settings.WebhookKey),
            Encoding.UTF8.GetBytes(request.Headers[KeyHeader].ToString()))
            ? WebhookVerdict.Authentic
            : WebhookVerdict.Forged;

    public InboundBatch Map(byte[] body, string? accountId, DateTimeOffset receivedAt)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString()!;
            var from = root.GetProperty("from").GetString()!;
            var message = new InboundMessageReceived(EventIds.From(RelayChannel.Name, accountId, "message", id), RelayChannel.Name, accountId!,
                BusinessAccountId: null, BusinessNumber: null, id,
                new ContactIdentity(RelayChannel.KeyOf(from) ?? "unknown:" + from, from, Phone: null, UserId: null, ParentUserId: null, Username: from, Name: null),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("sentAt").GetInt64()), "text",
                new MessageContent { Text = root.GetProperty("text").GetString() }, Context: null, Referral: null, Errors: [], Encoding.UTF8.GetString(body));
            return new InboundBatch([InboundEvent.Of(message.EventId, message)], []);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return InboundBatch.Unreadable($"not a Relay message: {e.Message}");
        }
    }
}
