using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Sessions;

/// <summary>What an input does to a session.</summary>
/// <param name="Next">The session afterwards; null while there is none.</param>
/// <param name="Changed">Whether <paramref name="Next"/> must be stored.</param>
/// <param name="Events">To publish once the change is decided; their ids are deterministic, so a replay repeats them.</param>
/// <param name="Rejection">Why the command may not go, for checks and refused starts.</param>
internal sealed record SessionDecision(Session? Next, bool Changed, IReadOnlyList<object> Events, RejectionReason? Rejection);

/// <summary>
/// The conversation rules as a pure function: (session, input) → next session, events, rejection.
/// Nothing is stored or sent here; the window is judged by the provider's timestamps and the
/// clock of <see cref="TimeProvider"/>. What differs between channels comes with the input as its
/// <see cref="ConversationPolicy"/>; a session keeps the window its channel gave it.
/// </summary>
internal sealed class SessionMachine(TimeProvider clock)
{
    // Enough to recognize a retried webhook behind the few messages a contact sends in a burst.
    private const int RememberedMessages = 32;

    public SessionDecision Decide(string accountId, string contactKey, Session? current, SessionInput input) => input switch
    {
        ActiveContactAccepted accepted => Start(accountId, contactKey, current, accepted),
        TemplateAccepted => Reengage(current),
        ContactMessage message => Receive(accountId, contactKey, current, message),
        FreeFormSendCheck check => Unchanged(current, FreeFormRejection(current, check.Policy)),
        // A notice is free text the service writes: it goes where an agent's text could, and only inside the window.
        ParticipantNoticeCheck check => Unchanged(current, FreeFormRejection(current, check.Policy) is null ? null : RejectionReason.WindowClosed),
        WindowTimerFired => Expire(current),
        SessionEnded ended => End(current, ended),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
    };

    private SessionDecision Start(string accountId, string contactKey, Session? current, ActiveContactAccepted accepted)
    {
        if (current is { IsLive: true })
            return Unchanged(current, current.AgentId == accepted.AgentId ? null : RejectionReason.ContactInSession);

        // After an expired window the conversation goes on; otherwise a new one begins, named by its command.
        var next = current is { State: SessionState.WindowExpired }
            ? current with { State = SessionState.AwaitingReply, AgentId = accepted.AgentId, Team = accepted.Team, StartCommandId = accepted.CommandId }
            : new Session(accountId, contactKey, EventIds.From("session", accountId, contactKey, accepted.CommandId.ToString()),
                SessionState.AwaitingReply, accepted.AgentId, accepted.Team, accepted.CommandId,
                current?.LastContactMessageAt, current?.RecentMessageIds ?? [], current?.Version ?? 0) { Window = accepted.Policy.Window };
        return Changed(next, new ActiveContactStarted(Id(next, "started", accepted.CommandId.ToString()), accountId, contactKey,
            next.SessionId, accepted.CommandId, accepted.AgentId, accepted.Team, accepted.ProviderMessageId, clock.GetUtcNow()));
    }

    private static SessionDecision Receive(string accountId, string contactKey, Session? current, ContactMessage message)
    {
        if (current is not null && IsReplay(current, message)) return Unchanged(current);

        // A closed session, or a window that ended before this message (by the provider's timestamp, whether or not the
        // expiry timer has run yet): a new conversation, queued like a contact who writes first, never a silent reopen.
        if (current is null or { State: SessionState.Closed } ||
            current is { State: SessionState.Open or SessionState.WindowExpired } && current.WindowEndedBy(message.SentAt))
        {
            var opened = new Session(accountId, contactKey, EventIds.From("session", accountId, contactKey, message.ProviderMessageId),
                SessionState.Open, AgentId: null, message.DefaultTeam, StartCommandId: null, message.SentAt,
                Remember(current?.RecentMessageIds ?? [], message.ProviderMessageId), current?.Version ?? 0) { Window = message.Policy.Window };
            return Changed(opened, Queued(opened, message));
        }

        var next = current with
        {
            State = SessionState.Open,
            LastContactMessageAt = message.SentAt,
            RecentMessageIds = Remember(current.RecentMessageIds, message.ProviderMessageId),
        };
        if (current.State != SessionState.AwaitingReply) return Changed(next);
        // The reply to an active contact joins the team chosen at the start; where typing was locked, the agent may now type.
        // A session without an agent (re-engaged by a plain template) has nobody whose typing to unlock: the queue is told.
        if (!message.Policy.LocksTyping || next.AgentId is null) return Changed(next, Queued(next, message));
        return Changed(next,
            new TypingUnlocked(Id(next, "unlocked", message.ProviderMessageId), accountId, contactKey, next.SessionId, next.AgentId!,
                message.ProviderMessageId, message.SentAt, next.WindowEndsAt!.Value),
            Queued(next, message));
    }

    /// <summary>
    /// A template reached a contact whose window has ended: the conversation waits for the contact's reply again, with
    /// the agent and team it had (typing locked until the reply). A template to anyone else (a notification to a contact
    /// without a session, or inside an open window) changes nothing.
    /// </summary>
    private SessionDecision Reengage(Session? current)
    {
        var ended = current is { State: SessionState.WindowExpired } ||
                    current is { State: SessionState.Open } && current.WindowEndedBy(clock.GetUtcNow());
        return ended ? Changed(current! with { State = SessionState.AwaitingReply }) : Unchanged(current);
    }

    // A message seen before, or older than the last one (a late retry), moves nothing: the window runs from the newest.
    private static bool IsReplay(Session current, ContactMessage message) =>
        current.RecentMessageIds.Contains(message.ProviderMessageId) ||
        (current.LastContactMessageAt is { } last && message.SentAt < last);

    private RejectionReason? FreeFormRejection(Session? current, ConversationPolicy policy) => current?.State switch
    {
        SessionState.Open when current.Window is null || clock.GetUtcNow() < current.WindowEndsAt => null,
        // The expiry schedule may be a moment late; the clock decides, not the stored state.
        SessionState.Open or SessionState.WindowExpired => RejectionReason.WindowClosed,
        SessionState.AwaitingReply => policy.LocksTyping ? RejectionReason.TypingLocked : null,
        _ => policy.TemplateFirst ? RejectionReason.TemplateRequired : null,
    };

    // Judged against the current window: a timer set for an earlier one (the contact wrote since) changes nothing.
    private SessionDecision Expire(Session? current)
    {
        if (current is not { State: SessionState.Open, WindowEndsAt: { } endsAt } || clock.GetUtcNow() < endsAt) return Unchanged(current);
        var next = current with { State = SessionState.WindowExpired };
        return Changed(next, new SessionWindowExpired(Id(next, "expired", endsAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            next.AccountId, next.ContactKey, next.SessionId, endsAt));
    }

    private SessionDecision End(Session? current, SessionEnded ended)
    {
        if (current is null or { State: SessionState.Closed }) return Unchanged(current);
        var closedAt = clock.GetUtcNow();
        var next = current with { State = SessionState.Closed, ClosedByCommandId = ended.CommandId, ClosedAt = closedAt };
        return Changed(next, new SessionClosed(Id(next, "closed"), next.AccountId, next.ContactKey, next.SessionId, ended.CommandId, closedAt));
    }

    private static SessionQueued Queued(Session session, ContactMessage first) =>
        new(Id(session, "queued", first.ProviderMessageId), session.AccountId, session.ContactKey, session.SessionId, session.Team,
            session.AgentId, first.ProviderMessageId, first.Text, session.WindowEndsAt);

    private static IReadOnlyList<string> Remember(IReadOnlyList<string> recent, string messageId) =>
        [.. recent.Skip(Math.Max(0, recent.Count - RememberedMessages + 1)), messageId];

    private static Guid Id(Session session, string happened, string? trigger = null) =>
        EventIds.From(session.AccountId, session.ContactKey, session.SessionId.ToString(), happened, trigger);

    private static SessionDecision Unchanged(Session? current, RejectionReason? rejection = null) => new(current, false, [], rejection);

    private static SessionDecision Changed(Session next, params object[] events) => new(next, true, events, null);
}
