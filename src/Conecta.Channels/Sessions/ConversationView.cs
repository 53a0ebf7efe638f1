using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Sessions;

/// <summary>
/// A contact's conversation on an account as the read side tells it: read from the session store the rules
/// themselves use, so it is never behind them.
/// </summary>
/// <param name="State">None (no session), AwaitingReply (a template went out, typing locked until the reply), Open (the contact
/// wrote; queued to the team), WindowExpired (only templates may go) or Closed. Judged by the clock: an Open session past its
/// window's end is WindowExpired even before the expiry timer has run.</param>
/// <param name="TypingLocked">The agent may not type yet: the contact has not replied to the template.</param>
/// <param name="Queued">The session reached its team's queue (SessionQueued was published).</param>
/// <param name="WindowEndsAt">24 hours after the contact's last message (null before the contact wrote, and on channels without a window).</param>
/// <param name="FreeText">Null when free text and media may go now; otherwise the reason they would be refused.</param>
internal sealed record ConversationView(
    string AccountId,
    string Channel,
    string ContactKey,
    SessionState State,
    bool TypingLocked,
    bool Queued,
    Guid? SessionId,
    string? AgentId,
    string? Team,
    DateTimeOffset? LastContactMessageAt,
    DateTimeOffset? WindowEndsAt,
    RejectionReason? FreeText,
    Guid? StartCommandId,
    Guid? ClosedByCommandId,
    DateTimeOffset? ClosedAt)
{
    /// <param name="freeText">What the machine says of free text now (a <see cref="FreeFormSendCheck"/>): the session and the refusal.</param>
    public static ConversationView Of(string channel, SessionKey key, SessionDecision freeText, DateTimeOffset now)
    {
        var session = freeText.Next;
        var state = session switch
        {
            null => SessionState.None,
            { State: SessionState.Open } when session.WindowEndedBy(now) => SessionState.WindowExpired,
            _ => session.State,
        };
        return new ConversationView(key.AccountId, channel, key.ContactKey, state,
            TypingLocked: freeText.Rejection == RejectionReason.TypingLocked,
            Queued: state is SessionState.Open or SessionState.WindowExpired,
            session?.SessionId, session?.AgentId, session?.Team, session?.LastContactMessageAt, session?.WindowEndsAt,
            freeText.Rejection, session?.StartCommandId, session?.ClosedByCommandId, session?.ClosedAt);
    }
}
