namespace Conecta.Channels.Contracts.Events;

/// <summary>Conversation-based pricing data (legacy; Meta omits it in newer webhook versions).</summary>
public sealed record ConversationInfo(string? Id, DateTimeOffset? ExpiresAt, string? OriginType);
