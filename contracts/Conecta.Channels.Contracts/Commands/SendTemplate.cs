namespace Conecta.Channels.Contracts.Commands;

/// <summary>Send an approved message template; the only kind of message allowed outside the 24-hour window.</summary>
/// <param name="Language">The approved translation, e.g. pt_BR.</param>
/// <param name="Components">Header, body and button parameters, in Meta's order.</param>
/// <param name="ReplyTo">Provider id of the contact's message to quote.</param>
/// <param name="CallbackData">Echoed in the message's statuses (at most 512 characters); the CommandId when absent.</param>
public sealed record SendTemplate(
    Guid CommandId,
    string AccountId,
    string To,
    string TemplateName,
    string Language,
    IReadOnlyList<TemplateComponent> Components,
    DateTimeOffset? NotAfter = null,
    string? ReplyTo = null,
    string? CallbackData = null);
