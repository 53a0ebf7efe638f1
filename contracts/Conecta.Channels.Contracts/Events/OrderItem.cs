namespace Conecta.Channels.Contracts.Events;

/// <summary>One line of an order: the catalog product, how many, the unit price and its currency.</summary>
public sealed record OrderItem(string? ProductRetailerId, decimal Quantity, decimal ItemPrice, string? Currency);
