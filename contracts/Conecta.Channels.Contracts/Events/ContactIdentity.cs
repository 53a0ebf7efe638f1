namespace Conecta.Channels.Contracts.Events;

/// <summary>Who a contact is on a channel.</summary>
/// <param name="ContactKey">Canonical key of the contact: the E.164 digits with Brazil's ninth digit restored when a phone is known, otherwise "bsuid:" + the business-scoped user id. Never empty.</param>
/// <param name="ProviderId">The id exactly as the provider sent it (WhatsApp wa_id / from; may lack the ninth digit).</param>
/// <param name="Phone">Canonical phone digits (E.164 without '+'), when the provider disclosed a phone.</param>
/// <param name="UserId">WhatsApp business-scoped user id (BSUID, e.g. "BR.1502576394655843"), when present.</param>
/// <param name="ParentUserId">Parent BSUID across linked portfolios ("CC.ENT.…"), when present.</param>
/// <param name="Username">The contact's username, when they adopted one.</param>
/// <param name="Name">Profile name.</param>
public sealed record ContactIdentity(
    string ContactKey,
    string? ProviderId,
    string? Phone,
    string? UserId,
    string? ParentUserId,
    string? Username,
    string? Name);
