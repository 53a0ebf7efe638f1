namespace Conecta.Channels.Contracts.Events;

/// <summary>A system notice about the contact (changed number, changed user id, identity change).</summary>
public sealed record SystemContent(string? Kind, string? Body, string? NewProviderId, string? NewUserId);
