namespace Conecta.Channels.Contracts.Commands;

/// <summary>A section of a list message; its title (at most 24 characters) is required when the list has more than one.</summary>
public sealed record ListSection(string? Title, IReadOnlyList<ListRow> Rows);
