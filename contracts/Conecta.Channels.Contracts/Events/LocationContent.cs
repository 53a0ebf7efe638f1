namespace Conecta.Channels.Contracts.Events;

public sealed record LocationContent(double Latitude, double Longitude, string? Name, string? Address, string? Url);
