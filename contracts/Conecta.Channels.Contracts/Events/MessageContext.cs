namespace Conecta.Channels.Contracts.Events;

/// <summary>What an inbound message refers to.</summary>
/// <param name="MessageId">The message replied to (quoted), when it is a reply.</param>
/// <param name="From">Who sent the quoted message.</param>
/// <param name="ReferredProductId">Product inquiries: the product the contact asked about.</param>
public sealed record MessageContext(string? MessageId, string? From, bool Forwarded, bool FrequentlyForwarded, string? ReferredProductId);
