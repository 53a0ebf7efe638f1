namespace Conecta.Channels.Contracts.Events;

/// <summary>The session was ended (EndSession); the contact writing later starts a new one.</summary>
/// <param name="EventId">Deterministic from the account, contact key and session: a session closes once.</param>
/// <param name="ContactKey">Canonical key of the contact (E.164 digits with Brazil's ninth digit, or "bsuid:…").</param>
/// <param name="CommandId">The EndSession that closed it.</param>
public sealed record SessionClosed(
    Guid EventId,
    string AccountId,
    string ContactKey,
    Guid SessionId,
    Guid CommandId,
    DateTimeOffset ClosedAt);
