namespace Conecta.Channels.Contracts.Commands;

/// <summary>One template parameter.</summary>
/// <param name="Type">text, currency, date_time (body and header); image, video, document, location (a media or location header);
/// payload (quick_reply button), coupon_code (copy_code button), action (flow button).</param>
/// <param name="Text">text: the text; payload: the payload; date_time: its fallback value, as shown; coupon_code: the code (a Pix
/// "copia e cola"); action: the Flow token.</param>
/// <param name="Name">Named templates ({{order_id}}): the parameter's name; null for positional ones.</param>
/// <param name="Location">location headers: the place.</param>
/// <param name="Currency">currency: the amount.</param>
/// <param name="ActionData">action: the data the Flow's first screen gets.</param>
public sealed record TemplateParameter(
    string Type,
    string? Text = null,
    string? Name = null,
    string? Link = null,
    string? MediaId = null,
    TemplateLocation? Location = null,
    TemplateCurrency? Currency = null,
    IReadOnlyDictionary<string, string>? ActionData = null);
