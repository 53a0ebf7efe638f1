namespace Conecta.Channels.Templates;

/// <summary>
/// A template as an admin submits it. Components, examples and buttons have Meta's shape: they are
/// sent to Meta as they are (snake_case) and our API shows them in camelCase.
/// </summary>
/// <param name="AccountId">The channel account whose WhatsApp Business Account will own the template.</param>
/// <param name="Language">Meta's language code: pt_BR, en_US, es, …</param>
/// <param name="Category">MARKETING, UTILITY or AUTHENTICATION.</param>
/// <param name="ParameterFormat">POSITIONAL ({{1}}, the default) or NAMED ({{order_id}}).</param>
internal sealed record TemplateDefinition(
    Guid AccountId,
    string? Name,
    string? Language,
    string? Category,
    string? ParameterFormat,
    IReadOnlyList<TemplateComponentDefinition>? Components);

/// <param name="Type">HEADER, BODY, FOOTER or BUTTONS.</param>
/// <param name="Format">Headers only: TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION.</param>
internal sealed record TemplateComponentDefinition(
    string? Type,
    string? Format = null,
    string? Text = null,
    TemplateExample? Example = null,
    IReadOnlyList<TemplateButtonDefinition>? Buttons = null);

/// <summary>Sample values Meta's reviewers see: one for every parameter.</summary>
/// <param name="HeaderText">Positional header: the value of {{1}}.</param>
/// <param name="HeaderHandle">Media headers: the handle of a Resumable Upload (not a media id).</param>
/// <param name="BodyText">Positional body: one row with a value for {{1}}, {{2}}, … in order.</param>
internal sealed record TemplateExample(
    IReadOnlyList<string>? HeaderText = null,
    IReadOnlyList<string>? HeaderHandle = null,
    IReadOnlyList<IReadOnlyList<string>>? BodyText = null,
    IReadOnlyList<NamedParameterExample>? HeaderTextNamedParams = null,
    IReadOnlyList<NamedParameterExample>? BodyTextNamedParams = null);

internal sealed record NamedParameterExample(string? ParamName, string? Example);

/// <param name="Type">QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP or FLOW.</param>
/// <param name="Example">URL buttons with {{1}}: a full sample URL. COPY_CODE: the sample code.</param>
internal sealed record TemplateButtonDefinition(
    string? Type,
    string? Text = null,
    string? Url = null,
    string? PhoneNumber = null,
    IReadOnlyList<string>? Example = null);

/// <summary>A template as stored: Meta's id and review state beside what was defined.</summary>
/// <param name="BusinessAccountId">The WABA that owns it; every number of that WABA may send it.</param>
/// <param name="ProviderTemplateId">Meta's id of this translation.</param>
/// <param name="Status">Meta's word: PENDING, APPROVED, REJECTED, PAUSED, DISABLED, IN_APPEAL, …</param>
/// <param name="StatusReason">Why it was rejected, paused or disabled, when Meta says.</param>
/// <param name="QualityScore">GREEN, YELLOW, RED or UNKNOWN.</param>
internal sealed record MessageTemplate(
    Guid Id,
    string BusinessAccountId,
    string ProviderTemplateId,
    string Name,
    string Language,
    string Category,
    string ParameterFormat,
    string Status,
    string? StatusReason,
    string? QualityScore,
    IReadOnlyList<TemplateComponentDefinition> Components,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string Approved = "APPROVED";
    public const string Positional = "POSITIONAL";
    public const string Named = "NAMED";
}

/// <summary>One page of a template list.</summary>
internal sealed record TemplatePage(IReadOnlyList<MessageTemplate> Items, int Page, int PageSize, long Total);
