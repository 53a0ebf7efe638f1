namespace Conecta.Channels.Contracts.Events;

/// <summary>The contact replied to an active contact: the agent may type; the 24-hour window is open.</summary>
/// <param name="EventId">Deterministic from the account, contact key, session and the reply's provider id.</param>
/// <param name="ContactKey">Canonical key of the contact (E.164 digits with Brazil's ninth digit, or "bsuid:…").</param>
/// <param name="ProviderMessageId">The contact's reply (wamid).</param>
/// <param name="RepliedAt">The provider's timestamp of the reply.</param>
/// <param name="WindowEndsAt">24 hours after the contact's last message, unless the contact writes again.</param>
public sealed record TypingUnlocked(
    Guid EventId,
    string AccountId,
    string ContactKey,
    Guid SessionId,
    string AgentId,
    string ProviderMessageId,
    DateTimeOffset RepliedAt,
    DateTimeOffset WindowEndsAt);
