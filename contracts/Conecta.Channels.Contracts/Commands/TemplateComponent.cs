namespace Conecta.Channels.Contracts.Commands;

/// <summary>Parameters for one part of a template.</summary>
/// <param name="Type">header, body or button.</param>
/// <param name="SubType">Buttons only: quick_reply, url, copy_code or flow.</param>
/// <param name="Index">Buttons only: the button's position, from 0.</param>
public sealed record TemplateComponent(string Type, IReadOnlyList<TemplateParameter> Parameters, string? SubType = null, int? Index = null);
