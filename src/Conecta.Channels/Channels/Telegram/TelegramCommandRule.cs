using System.Globalization;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// What a Telegram command must be before the network: sent to a chat id (not a phone number), replying to a message
/// id, and something a bot can do — Telegram has no templates and no read receipts for bots.
/// </summary>
internal static class TelegramCommandRule
{
    public static RuleRejection? Problem(OutboundCommand command)
    {
        if (command.Body is SendTemplate)
            return new RuleRejection(RejectionReason.InvalidCommand, "Telegram has no message templates: send text or media.");
        if (command.Body is MarkAsRead)
            return new RuleRejection(RejectionReason.InvalidCommand, "Telegram bots cannot mark messages as read.");
        if (ChatIds.Canonical(command.To) is null)
            return new RuleRejection(RejectionReason.InvalidNumber, "A Telegram recipient is a chat id (an integer), not a phone number.");
        var replyTo = command.Body switch { SendText t => t.ReplyTo, SendMedia m => m.ReplyTo, _ => null };
        return replyTo is null || IsMessageId(replyTo)
            ? null
            : new RuleRejection(RejectionReason.InvalidCommand, "ReplyTo must be a Telegram message id (an integer).");
    }

    private static bool IsMessageId(string value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;
}
