namespace Conecta.Channels.Contracts.Events;

/// <summary>24 hours passed since the contact's last message: only templates may be sent until the contact writes again.</summary>
/// <param name="EventId">Deterministic from the account, contact key, session and the window's end.</param>
/// <param name="ContactKey">Canonical key of the contact (E.164 digits with Brazil's ninth digit, or "bsuid:…").</param>
/// <param name="WindowEndedAt">The provider's timestamp of the contact's last message plus 24 hours.</param>
public sealed record SessionWindowExpired(
    Guid EventId,
    string AccountId,
    string ContactKey,
    Guid SessionId,
    DateTimeOffset WindowEndedAt);
