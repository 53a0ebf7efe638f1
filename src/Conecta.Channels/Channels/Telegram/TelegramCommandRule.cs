using System.Globalization;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// What a Telegram command must be before the network: sent to a chat id (not a phone number), replying to a message
/// id, and something a bot can do — Telegram has no templates and no read receipts for bots; of the interactive messages it
/// carries reply buttons and lists (an inline keyboard, whose callback_data holds at most 64 bytes), locations and one contact
/// with a phone, and refuses the rest UnsupportedContent.
/// </summary>
internal static class TelegramCommandRule
{
    /// <summary>Telegram's limit on an inline button's callback_data.</summary>
    public const int MaxCallbackDataBytes = 64;

    public static RuleRejection? Problem(OutboundCommand command)
    {
        if (Unsupported(command.Body) is { } unsupported) return new RuleRejection(RejectionReason.UnsupportedContent, unsupported);
        if (command.Body is SendTemplate)
            return new RuleRejection(RejectionReason.InvalidCommand, "Telegram has no message templates: send text or media.");
        if (command.Body is MarkAsRead)
            return new RuleRejection(RejectionReason.InvalidCommand, "Telegram bots cannot mark messages as read.");
        if (ChatIds.Canonical(command.To) is null)
            return new RuleRejection(RejectionReason.InvalidNumber, "A Telegram recipient is a chat id (an integer), not a phone number.");
        var replyTo = command.Body switch
        {
            SendText t => t.ReplyTo,
            SendMedia m => m.ReplyTo,
            SendInteractive i => i.ReplyTo,
            SendLocation l => l.ReplyTo,
            SendContacts c => c.ReplyTo,
            _ => null,
        };
        return replyTo is null || IsMessageId(replyTo)
            ? null
            : new RuleRejection(RejectionReason.InvalidCommand, "ReplyTo must be a Telegram message id (an integer).");
    }

    private static string? Unsupported(object body) => body switch
    {
        SendReaction => "Telegram bots cannot react to messages through this service.",
        SendInteractive { Kind: not ("button" or "list") } i => $"Telegram has no {i.Kind} message: send buttons, a list, text or a link in text.",
        SendInteractive i when BotApi.BotApiMessages.Choices(i).FirstOrDefault(c => System.Text.Encoding.UTF8.GetByteCount(c.Id) > MaxCallbackDataBytes)
            is { Id: not null } tooLong => $"A Telegram button's callback_data holds at most {MaxCallbackDataBytes} bytes; '{tooLong.Title}' has a longer id.",
        SendContacts { Contacts.Count: not 1 } => "Telegram sends one contact a message.",
        SendContacts { Contacts: [{ Phones.Count: 0 }] } => "Telegram sends a contact by its phone number: the card has none.",
        _ => null,
    };

    private static bool IsMessageId(string value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;
}
