using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Sessions;

/// <summary>
/// Free text and media go only where the channel's conversation rules allow (WhatsApp: an open window and an agent who
/// may type); templates always may.
/// </summary>
internal sealed class SessionRule(SessionTransitions sessions, ChannelPolicies policies) : IOutboundRule
{
    public async Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken)
    {
        if (!command.IsFreeForm || command.To is null) return null;
        var policy = policies.For(account.Channel);
        // An invalid recipient is the channel's recipient rule's to refuse, with its own reason.
        if (SessionTransitions.KeyOf(policy, account.AccountId, command.To) is not { } key) return null;
        var decision = await sessions.PeekAsync(key, new FreeFormSendCheck { Policy = policy.Conversation }, cancellationToken);
        return decision.Rejection is { } reason ? new RuleRejection(reason, Detail(reason)) : null;
    }

    private static string Detail(RejectionReason reason) => reason switch
    {
        RejectionReason.TypingLocked => "The contact has not replied to the template yet.",
        RejectionReason.WindowClosed => "24 hours passed since the contact's last message: only templates may be sent.",
        _ => "No open conversation with the contact: start it with an approved template.",
    };
}
