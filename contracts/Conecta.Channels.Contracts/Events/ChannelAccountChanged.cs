namespace Conecta.Channels.Contracts.Events;

/// <summary>Meta changed something about a business account or number (account_update, quality rating, messaging limit, …).</summary>
/// <param name="Change">The webhook field, e.g. account_update, phone_number_quality_update.</param>
/// <param name="Event">The event word Meta sent (ACCOUNT_RESTRICTION, FLAGGED, …), when any.</param>
/// <param name="QualityRating">The number's quality rating when the change carries one.</param>
/// <param name="MessagingLimitTier">The messaging limit when the change carries one.</param>
/// <param name="RawJson">The change value exactly as received.</param>
/// <param name="Standing">What the change says of the number's standing, in the service's words: disabled (Meta disabled the account),
/// restricted (a messaging restriction), flagged (its quality was flagged), active (reinstated, restriction lifted, unflagged); null
/// when it says nothing of it. Sends stop on the standings the service is configured to stop on.</param>
public sealed record ChannelAccountChanged(
    Guid EventId,
    string Channel,
    string BusinessAccountId,
    string? BusinessNumber,
    string Change,
    string? Event,
    string? QualityRating,
    string? MessagingLimitTier,
    DateTimeOffset? OccurredAt,
    string RawJson,
    string? Standing = null);
