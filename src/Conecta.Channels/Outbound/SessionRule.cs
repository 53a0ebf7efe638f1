using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Sessions;

namespace Conecta.Channels.Outbound;

/// <summary>
/// Free text and media go only where the channel's conversation rules allow (WhatsApp: an open window and an agent who
/// may type); templates always may. The pipeline asks it after the channel's own checks.
/// </summary>
internal sealed class SessionRule(SessionTransitions sessions)
{
    /// <param name="contactKey">The recipient as the channel keys it; null when it names nobody there (the channel's check refused it).</param>
    public async Task<RuleRejection?> CheckAsync(IChannel channel, OutboundAccount account, OutboundCommand command, string? contactKey,
        CancellationToken cancellationToken)
    {
        if (!command.IsFreeForm || contactKey is null) return null;
        var key = new SessionKey(account.AccountId, contactKey);
        var decision = await sessions.PeekAsync(key, new FreeFormSendCheck { Policy = channel.Profile.Conversation }, cancellationToken);
        return decision.Rejection is { } reason ? new RuleRejection(reason, Detail(reason)) : null;
    }

    private static string Detail(RejectionReason reason) => reason switch
    {
        RejectionReason.TypingLocked => "The contact has not replied to the template yet.",
        RejectionReason.WindowClosed => "24 hours passed since the contact's last message: only templates may be sent.",
        _ => "No open conversation with the contact: start it with an approved template.",
    };
}
