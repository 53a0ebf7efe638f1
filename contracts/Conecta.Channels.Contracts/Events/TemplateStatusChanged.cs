namespace Conecta.Channels.Contracts.Events;

/// <summary>Meta changed a message template: status (APPROVED, REJECTED, PAUSED, …), quality, category or components.</summary>
/// <param name="Change">status, quality, category or components.</param>
/// <param name="Event">The new status for status changes (APPROVED, REJECTED, PAUSED, DISABLED, …); null otherwise.</param>
/// <param name="Previous">The previous quality score or category, for quality and category changes.</param>
/// <param name="Current">The new quality score or category, for quality and category changes.</param>
/// <param name="RawJson">The change value exactly as received.</param>
public sealed record TemplateStatusChanged(
    Guid EventId,
    string Channel,
    string BusinessAccountId,
    string Change,
    string? TemplateId,
    string? TemplateName,
    string? Language,
    string? Event,
    string? Reason,
    string? Category,
    string? Previous,
    string? Current,
    DateTimeOffset? OccurredAt,
    string RawJson);
