namespace Conecta.Channels.Contracts.Events;

/// <summary>
/// A conversation waits in a team's queue: the contact replied to an active contact (the team chosen at the start)
/// or wrote first (the account's default team).
/// </summary>
/// <param name="EventId">Deterministic from the account, contact key, session and the first message's provider id.</param>
/// <param name="ContactKey">Canonical key of the contact (E.164 digits with Brazil's ninth digit, or "bsuid:…").</param>
/// <param name="Team">Null when the contact wrote first to an account without a default team.</param>
/// <param name="AgentId">The agent who started the contact; null when the contact wrote first.</param>
/// <param name="FirstMessageId">The provider id (wamid) of the contact's first message in the session.</param>
/// <param name="FirstMessageText">Its text, when it is a text message.</param>
/// <param name="WindowEndsAt">24 hours after the contact's last message, unless the contact writes again; null on channels without such a window (Telegram).</param>
public sealed record SessionQueued(
    Guid EventId,
    string AccountId,
    string ContactKey,
    Guid SessionId,
    string? Team,
    string? AgentId,
    string FirstMessageId,
    string? FirstMessageText,
    DateTimeOffset? WindowEndsAt);
