namespace Conecta.Channels.Contracts.Events;

/// <summary>An error as the provider reported it (WhatsApp: Graph error code, title, details).</summary>
public sealed record ProviderError(int Code, string? Title, string? Message, string? Details);
