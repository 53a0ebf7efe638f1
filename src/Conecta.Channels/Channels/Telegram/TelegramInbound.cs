using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Events;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// Telegram's side of the inbound seam: the bot's secret token (checked before the body is read), one update per body
/// (<see cref="TelegramUpdates"/>), and the chats that wrote, remembered before their messages go out.
/// </summary>
internal sealed class TelegramInbound(TelegramWebhookSecret secret, IStartedChats started, IOptions<TelegramOptions> options) : IInboundChannel
{
    // The secret is ours for this bot, so we set its webhook: an unknown bot's registration is still being stored
    // (setWebhook comes first, and Telegram may push queued updates at once). Telegram sends it again later; a dead
    // letter would lose it from the event stream.
    public InboundChannelInfo Info { get; } = new(TelegramUpdates.Channel, options.Value.MaxWebhookBodyBytes, "bot", UnknownAccountHandling.RetryLater);

    /// <summary>First and without I/O: a caller without the bot's secret learns nothing and costs nothing.</summary>
    public WebhookVerdict Verify(HttpRequest request, string? accountId, ReadOnlySpan<byte> body, bool bodyRead) =>
        accountId is not null && secret.IsValid(accountId, request.Headers[TelegramWebhookSecret.HeaderName])
            ? WebhookVerdict.Authentic
            : WebhookVerdict.Forged;

    public InboundBatch Map(byte[] body, string? accountId, DateTimeOffset receivedAt)
    {
        var update = TelegramUpdates.Map(body, accountId ?? "", receivedAt);
        if (update.Event is not { } mapped) return InboundBatch.Unreadable(update.Unreadable!);
        // Answering a button press in the webhook's reply stops the user's spinner without another call to Telegram.
        return new InboundBatch([mapped], [], update.CallbackQueryId is { } callback
            ? TypedResults.Json(new BotWebhookReply("answerCallbackQuery", callback), BotApiJsonContext.Default.BotWebhookReply)
            : null);
    }

    /// <summary>A bot may write only to chats that wrote to it: whoever reads these messages may start the chat at once.</summary>
    public async Task BeforeDeliveryAsync(IReadOnlyList<InboundMessageReceived> messages, CancellationToken cancellationToken)
    {
        foreach (var bot in messages.GroupBy(m => m.AccountId))
            await started.RememberAsync(bot.Key, bot.Select(m => m.Contact.ContactKey).ToList(), cancellationToken);
    }
}
