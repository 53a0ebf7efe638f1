namespace Conecta.Channels.Contracts.Events;

/// <summary>A location the contact shared: coordinates, and the place's name, address and URL when given.</summary>
public sealed record LocationContent(double Latitude, double Longitude, string? Name, string? Address, string? Url);
