using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Sessions;

/// <summary>Free text and media go only to a contact whose window is open and whose agent may type; templates always may.</summary>
internal sealed class SessionRule(SessionTransitions sessions) : IOutboundRule
{
    public async Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken)
    {
        if (!command.IsFreeForm || command.To is null) return null;
        // An invalid number is the number rule's to refuse, with its own reason.
        if (SessionTransitions.KeyOf(account.AccountId, command.To) is not { } key) return null;
        var decision = await sessions.PeekAsync(key, new FreeFormSendCheck(), cancellationToken);
        return decision.Rejection is { } reason ? new RuleRejection(reason, Detail(reason)) : null;
    }

    private static string Detail(RejectionReason reason) => reason switch
    {
        RejectionReason.TypingLocked => "The contact has not replied to the template yet.",
        RejectionReason.WindowClosed => "24 hours passed since the contact's last message: only templates may be sent.",
        _ => "No open conversation with the contact: start it with an approved template.",
    };
}
