namespace Conecta.Channels.Contracts.Events;

/// <summary>The provider reports progress of a message the business sent.</summary>
/// <param name="EventId">Deterministic from channel, account, provider message id and status.</param>
/// <param name="Status">sent, delivered, read, played or failed (provider words, lowercase).</param>
/// <param name="OccurredAt">The provider's timestamp. Statuses arrive out of order: keep the highest per message.</param>
/// <param name="Recipient">Who the message went to; for BSUID-only users there is no phone.</param>
/// <param name="RecipientType">individual or group.</param>
/// <param name="CallbackData">biz_opaque_callback_data echoed back, when the send carried it.</param>
/// <param name="CommandId">The command that produced the message, when the service correlated it.</param>
/// <param name="FailureReason">For failed statuses: the same typed reason a synchronous refusal would carry (131047 → WindowClosed).</param>
/// <param name="Superseded">A status that ranks higher was reported for this message already (a "delivered" after its "read"): never
/// move the message back to this one. Set on statuses of the service's own sends (those with a CommandId).</param>
public sealed record MessageStatusChanged(
    Guid EventId,
    string Channel,
    string AccountId,
    string? BusinessAccountId,
    string ProviderMessageId,
    string Status,
    DateTimeOffset OccurredAt,
    ContactIdentity Recipient,
    string? RecipientType,
    string? CallbackData,
    ConversationInfo? Conversation,
    PricingInfo? Pricing,
    IReadOnlyList<ProviderError> Errors,
    Guid? CommandId,
    RejectionReason? FailureReason = null,
    bool Superseded = false);
