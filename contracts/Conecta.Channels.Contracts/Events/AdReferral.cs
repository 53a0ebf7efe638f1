namespace Conecta.Channels.Contracts.Events;

/// <summary>The ad or post the contact came from (Click-to-WhatsApp).</summary>
public sealed record AdReferral(string? SourceUrl, string? SourceId, string? SourceType, string? Headline, string? Body, string? MediaType, string? ClickId);
