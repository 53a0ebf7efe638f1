namespace Conecta.Channels.Contracts.Events;

public sealed record OrderContent(string? CatalogId, string? Text, IReadOnlyList<OrderItem> Items);
