namespace Conecta.Channels.Contracts.Commands;

/// <summary>Send an approved message template; the only kind of message allowed outside the 24-hour window.</summary>
/// <param name="Language">The approved translation, e.g. pt_BR.</param>
/// <param name="Components">Header, body and button parameters, in Meta's order.</param>
public sealed record SendTemplate(
    Guid CommandId,
    string AccountId,
    string To,
    string TemplateName,
    string Language,
    IReadOnlyList<TemplateComponent> Components,
    DateTimeOffset? NotAfter = null);
