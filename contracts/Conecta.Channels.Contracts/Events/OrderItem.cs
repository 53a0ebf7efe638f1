namespace Conecta.Channels.Contracts.Events;

public sealed record OrderItem(string? ProductRetailerId, decimal Quantity, decimal ItemPrice, string? Currency);
