namespace Conecta.Channels.Contracts.Commands;

/// <summary>Send a map pin. On Telegram a pin with a name and an address is a venue.</summary>
public sealed record SendLocation(
    Guid CommandId,
    string AccountId,
    string To,
    double Latitude,
    double Longitude,
    string? Name = null,
    string? Address = null,
    string? ReplyTo = null,
    DateTimeOffset? NotAfter = null);
