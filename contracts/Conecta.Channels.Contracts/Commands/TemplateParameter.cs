namespace Conecta.Channels.Contracts.Commands;

/// <summary>One template parameter.</summary>
/// <param name="Type">text, payload, image, video, document (media headers take <paramref name="Link"/> or <paramref name="MediaId"/>).</param>
/// <param name="Name">Named templates ({{order_id}}): the parameter's name; null for positional ones.</param>
public sealed record TemplateParameter(string Type, string? Text = null, string? Name = null, string? Link = null, string? MediaId = null);
