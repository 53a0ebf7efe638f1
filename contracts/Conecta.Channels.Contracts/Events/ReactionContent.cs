namespace Conecta.Channels.Contracts.Events;

/// <summary>A reaction to a message; <see cref="Emoji"/> null or empty means the reaction was removed.</summary>
public sealed record ReactionContent(string? MessageId, string? Emoji);
