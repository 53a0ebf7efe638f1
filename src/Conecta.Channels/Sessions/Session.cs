namespace Conecta.Channels.Sessions;

/// <summary>Where a conversation stands (DESIGN.md, "Conversation rules"). No stored session is <see cref="None"/>.</summary>
internal enum SessionState
{
    None,
    /// <summary>A template went out for an agent; the agent may not type until the contact replies.</summary>
    AwaitingReply,
    /// <summary>The contact wrote within 24 hours: free text and media may go.</summary>
    Open,
    /// <summary>24 hours passed since the contact's last message: only templates may go.</summary>
    WindowExpired,
    Closed,
}

/// <summary>One conversation per (channel account, contact key).</summary>
/// <param name="AgentId">The agent of an active contact; null when the contact wrote first.</param>
/// <param name="Team">The team the session is (or will be) queued to.</param>
/// <param name="StartCommandId">The StartActiveContact that put it in AwaitingReply.</param>
/// <param name="LastContactMessageAt">The provider's timestamp of the contact's last message: the window runs from it.</param>
/// <param name="RecentMessageIds">The contact's latest message ids, newest last: a retried webhook is recognized by them.</param>
/// <param name="Version">Increases with every stored change; the store's compare-and-set token.</param>
internal sealed record Session(
    string AccountId,
    string ContactKey,
    Guid SessionId,
    SessionState State,
    string? AgentId,
    string? Team,
    Guid? StartCommandId,
    DateTimeOffset? LastContactMessageAt,
    IReadOnlyList<string> RecentMessageIds,
    long Version)
{
    /// <summary>
    /// How long after the contact's last message free text may go, as the channel said when the session began; null
    /// when the channel has no such window (nothing expires). Sessions stored before channels differed have none in
    /// their JSON and keep the standard window.
    /// </summary>
    public TimeSpan? Window { get; init; } = ConversationPolicy.Standard.Window;

    public DateTimeOffset? WindowEndsAt => LastContactMessageAt + Window;

    /// <summary>The EndSession that closed it; null while it is not Closed.</summary>
    public Guid? ClosedByCommandId { get; init; }

    /// <summary>When it was closed (the service's clock); null while it is not Closed.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Whether the window has ended by <paramref name="at"/>; never on a channel without one.</summary>
    public bool WindowEndedBy(DateTimeOffset at) => WindowEndsAt is { } endsAt && at >= endsAt;

    /// <summary>A session that can still reach an agent: starting the contact for another agent is refused.</summary>
    public bool IsLive => State is SessionState.AwaitingReply or SessionState.Open;
}

/// <summary>What can happen to a session.</summary>
internal abstract record SessionInput
{
    /// <summary>The conversation rules of the session's channel; only starts, contact messages and free-form checks read them.</summary>
    public ConversationPolicy Policy { get; init; } = ConversationPolicy.Standard;
}

/// <summary>The provider accepted the first message (WhatsApp: the template) of a StartActiveContact.</summary>
internal sealed record ActiveContactAccepted(Guid CommandId, string AgentId, string Team, string ProviderMessageId) : SessionInput;

/// <summary>The contact wrote. <paramref name="DefaultTeam"/> is the account's, for a contact who writes first.</summary>
internal sealed record ContactMessage(string ProviderMessageId, DateTimeOffset SentAt, string? Text, string? DefaultTeam) : SessionInput;

/// <summary>May free text or media go now? Changes nothing.</summary>
internal sealed record FreeFormSendCheck : SessionInput;

/// <summary>May an agent's join or leave notice go now? Changes nothing.</summary>
internal sealed record ParticipantNoticeCheck : SessionInput;

/// <summary>The provider accepted a plain SendTemplate (not a StartActiveContact) to the contact.</summary>
internal sealed record TemplateAccepted(Guid CommandId, string ProviderMessageId) : SessionInput;

/// <summary>The expiry schedule says the window may have ended.</summary>
internal sealed record WindowTimerFired : SessionInput;

internal sealed record SessionEnded(Guid CommandId) : SessionInput;
