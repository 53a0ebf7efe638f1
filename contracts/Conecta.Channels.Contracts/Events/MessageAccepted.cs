namespace Conecta.Channels.Contracts.Events;

/// <summary>The provider accepted a command's message (accepted, not yet delivered: statuses follow).</summary>
/// <param name="EventId">Derived from the CommandId: a republished outcome carries the same EventId.</param>
/// <param name="ProviderMessageId">The provider's id for the message (WhatsApp wamid); for MarkAsRead, the message marked.</param>
/// <param name="ProviderContactId">The contact id the provider answered (WhatsApp wa_id), which may differ from what was sent (Brazil's ninth digit); null for BSUID sends.</param>
public sealed record MessageAccepted(
    Guid EventId,
    Guid CommandId,
    string Channel,
    string AccountId,
    string? To,
    string ProviderMessageId,
    string? ProviderContactId,
    DateTimeOffset AcceptedAt);
