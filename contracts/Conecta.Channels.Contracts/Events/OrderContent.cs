namespace Conecta.Channels.Contracts.Events;

/// <summary>An order the contact placed from the business's catalog.</summary>
public sealed record OrderContent(string? CatalogId, string? Text, IReadOnlyList<OrderItem> Items);
