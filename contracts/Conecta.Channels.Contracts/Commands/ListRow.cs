namespace Conecta.Channels.Contracts.Commands;

/// <summary>A row the contact can pick: id at most 200 characters (64 bytes on Telegram), title at most 24, description at most 72.</summary>
public sealed record ListRow(string Id, string Title, string? Description = null);
