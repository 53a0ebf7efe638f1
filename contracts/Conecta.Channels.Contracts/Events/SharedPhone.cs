namespace Conecta.Channels.Contracts.Events;

/// <summary>A phone number of a shared contact card; <paramref name="WaId"/> is set when the number is on WhatsApp.</summary>
public sealed record SharedPhone(string? Phone, string? WaId, string? Type);
