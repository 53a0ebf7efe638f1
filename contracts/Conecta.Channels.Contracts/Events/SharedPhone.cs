namespace Conecta.Channels.Contracts.Events;

public sealed record SharedPhone(string? Phone, string? WaId, string? Type);
