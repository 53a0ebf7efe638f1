namespace Conecta.Channels.Contracts.Events;

/// <summary>A command's message was not sent, and why. The only other outcome a command can have.</summary>
/// <param name="EventId">Derived from the CommandId: a republished outcome carries the same EventId.</param>
/// <param name="Channel">Null when the command names no known account.</param>
/// <param name="Reason">Typed reason the core platform can act on.</param>
/// <param name="Retryable">Whether sending the same command again later can succeed.</param>
/// <param name="ProviderCode">The provider's error code (WhatsApp Graph error code), when the provider refused it.</param>
/// <param name="Detail">Human-readable detail, never containing secrets or full phone numbers.</param>
/// <param name="RetryNotBefore">When a retry can help but not at once: the earliest moment it may (131049: 24 h; 131056: 6 s).</param>
public sealed record MessageRejected(
    Guid EventId,
    Guid CommandId,
    string? Channel,
    string AccountId,
    string? To,
    RejectionReason Reason,
    bool Retryable,
    int? ProviderCode,
    string? ProviderTitle,
    string? Detail,
    DateTimeOffset RejectedAt,
    DateTimeOffset? RetryNotBefore = null);
