using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.Sessions;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// Telegram's conversations: no templates, no window, no typing lock; contacts are chats. What Telegram has instead: a
/// bot cannot write to a user who never started it, so an active contact goes only to a chat that has written to the bot.
/// </summary>
internal sealed class TelegramPolicy(IStartedChats started) : IChannelPolicy
{
    private static readonly ConversationPolicy Rules = new(Window: null, TemplateFirst: false, LocksTyping: false);

    public string Channel => TelegramUpdates.Channel;

    public ConversationPolicy Conversation => Rules;

    public string? ContactKeyOf(string to) => ChatIds.Canonical(to);

    /// <summary>The command's Text; a recipient that is no chat id is left to <see cref="TelegramCommandRule"/> to refuse.</summary>
    public async Task<Opening> OpenAsync(StartActiveContact start, CancellationToken cancellationToken)
    {
        if (ChatIds.Canonical(start.To) is { } chat && !await started.HasStartedAsync(start.AccountId, chat, cancellationToken))
            return Opening.Refuse(new RuleRejection(RejectionReason.ContactNotStarted,
                "The contact has never written to this bot, and Telegram lets a bot write only to users who started it."));
        return Opening.Send(OutboundCommand.From(new SendText(start.CommandId, start.AccountId, start.To, start.Text ?? "")));
    }
}
