namespace Conecta.Channels.Contracts.Commands;

/// <summary>The place of a LOCATION template header.</summary>
public sealed record TemplateLocation(double Latitude, double Longitude, string? Name = null, string? Address = null);
