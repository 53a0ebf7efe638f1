namespace Conecta.Channels.Contracts.Events;

/// <summary>
/// The contact changed their number (WhatsApp system user_changed_number) or business-scoped user id (user_changed_user_id):
/// the contact's live session, if any, moved from the old key to the new one, and both keys are told so the platform can link
/// the contact's history. Published besides the system message itself (InboundMessageReceived, type system).
/// </summary>
/// <param name="EventId">Deterministic from the system message.</param>
/// <param name="Change">user_changed_number or user_changed_user_id.</param>
/// <param name="OldContactKey">The key the contact had; commands to it reach no session any more.</param>
/// <param name="NewContactKey">The key the contact has now (the same as the old one when only a user id changed on a known phone).</param>
/// <param name="SessionId">The session that moved to the new key; null when there was none live.</param>
public sealed record ContactIdentityChanged(
    Guid EventId,
    string Channel,
    string AccountId,
    string Change,
    string OldContactKey,
    string NewContactKey,
    string? NewProviderId,
    string? NewUserId,
    Guid? SessionId,
    DateTimeOffset OccurredAt);
