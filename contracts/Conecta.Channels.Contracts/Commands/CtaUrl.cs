namespace Conecta.Channels.Contracts.Commands;

/// <summary>A button that opens <paramref name="Url"/> (http or https); <paramref name="DisplayText"/> at most 20 characters.</summary>
public sealed record CtaUrl(string DisplayText, string Url);
