using System.Text.RegularExpressions;

namespace Conecta.Channels.Templates;

/// <summary>
/// What Meta would reject, checked before calling it (WHATSAPP-FACTS §8). Pure; errors are keyed
/// by the JSON path of the field, e.g. components[1].example.
/// </summary>
internal static partial class TemplateRules
{
    public const int MaxNameLength = 512;
    public const int MaxHeaderTextLength = 60;
    public const int MaxBodyLength = 1024;
    public const int MaxFooterLength = 60;
    public const int MaxButtons = 10;

    public static readonly string[] Categories = ["MARKETING", "UTILITY", "AUTHENTICATION"];
    public static readonly string[] ParameterFormats = [MessageTemplate.Positional, MessageTemplate.Named];
    private static readonly string[] ComponentTypes = ["HEADER", "BODY", "FOOTER", "BUTTONS"];
    private static readonly string[] HeaderFormats = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"];
    private static readonly string[] MediaFormats = ["IMAGE", "VIDEO", "DOCUMENT"];
    private static readonly string[] ButtonTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "FLOW"];

    public static Dictionary<string, string[]> Validate(TemplateDefinition template)
    {
        var errors = new Errors();
        if (template.AccountId == Guid.Empty) errors.Add("accountId", "Required: the channel account that owns the template.");
        if (string.IsNullOrEmpty(template.Name) || !Name().IsMatch(template.Name) || template.Name.Length > MaxNameLength)
            errors.Add("name", $"Lowercase letters, digits and underscores only, 1 to {MaxNameLength} characters.");
        if (string.IsNullOrEmpty(template.Language) || !Language().IsMatch(template.Language))
            errors.Add("language", "A Meta language code such as pt_BR, en_US or es.");
        if (template.Category is null || !Categories.Contains(template.Category))
            errors.Add("category", "One of " + string.Join(", ", Categories) + ".");
        if (template.ParameterFormat is not null && !ParameterFormats.Contains(template.ParameterFormat))
            errors.Add("parameterFormat", "POSITIONAL ({{1}}) or NAMED ({{order_id}}); omit for POSITIONAL.");

        var components = template.Components ?? [];
        foreach (var type in ComponentTypes)
        {
            var count = components.Count(c => c.Type == type);
            if (count > 1) errors.Add("components", $"At most one {type} component.");
            if (type == "BODY" && count == 0) errors.Add("components", "A BODY component is required.");
        }
        var named = template.ParameterFormat == MessageTemplate.Named;
        for (var i = 0; i < components.Count; i++)
        {
            var path = $"components[{i}]";
            var component = components[i];
            switch (component.Type)
            {
                case "HEADER": ValidateHeader(component, path, named, errors); break;
                case "BODY": ValidateBody(component, path, named, errors); break;
                case "FOOTER": ValidateFooter(component, path, errors); break;
                case "BUTTONS": ValidateButtons(component, path, errors); break;
                default: errors.Add($"{path}.type", "One of " + string.Join(", ", ComponentTypes) + "."); break;
            }
        }
        return errors.ToDictionary();
    }

    /// <summary>The variables of a text in order of appearance, without braces: ["1", "2"] or ["order_id"].</summary>
    public static IReadOnlyList<string> Variables(string? text) =>
        text is null ? [] : Variable().Matches(text).Select(m => m.Groups[1].Value).ToList();

    private static void ValidateHeader(TemplateComponentDefinition header, string path, bool named, Errors errors)
    {
        if (header.Format is null || !HeaderFormats.Contains(header.Format))
        {
            errors.Add($"{path}.format", "One of " + string.Join(", ", HeaderFormats) + ".");
            return;
        }
        if (MediaFormats.Contains(header.Format))
        {
            if (header.Example?.HeaderHandle is not [_, ..])
                errors.Add($"{path}.example.headerHandle", "A media header needs a sample: the handle of a Resumable Upload.");
            return;
        }
        if (header.Format != "TEXT") return;
        if (string.IsNullOrEmpty(header.Text) || header.Text.Length > MaxHeaderTextLength)
        {
            errors.Add($"{path}.text", $"Required for a TEXT header, at most {MaxHeaderTextLength} characters.");
            return;
        }
        var variables = Variables(header.Text);
        if (variables.Count > 1) errors.Add($"{path}.text", "A header takes at most one variable.");
        ValidateVariables(variables, named, $"{path}.text", errors);
        ValidateExamples(variables, named, header.Example?.HeaderText, header.Example?.HeaderTextNamedParams, $"{path}.example", errors);
    }

    private static void ValidateBody(TemplateComponentDefinition body, string path, bool named, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > MaxBodyLength)
        {
            errors.Add($"{path}.text", $"Required, at most {MaxBodyLength} characters.");
            return;
        }
        var trimmed = body.Text.Trim();
        if (trimmed.StartsWith("{{", StringComparison.Ordinal) || trimmed.EndsWith("}}", StringComparison.Ordinal))
            errors.Add($"{path}.text", "The body may not start or end with a variable.");
        var variables = Variables(body.Text);
        ValidateVariables(variables, named, $"{path}.text", errors);
        ValidateExamples(variables, named, body.Example?.BodyText is [var row, ..] ? row : null, body.Example?.BodyTextNamedParams,
            $"{path}.example", errors);
    }

    private static void ValidateFooter(TemplateComponentDefinition footer, string path, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(footer.Text) || footer.Text.Length > MaxFooterLength)
            errors.Add($"{path}.text", $"Required, at most {MaxFooterLength} characters.");
        else if (Variables(footer.Text).Count > 0)
            errors.Add($"{path}.text", "A footer takes no variables.");
    }

    private static void ValidateButtons(TemplateComponentDefinition component, string path, Errors errors)
    {
        var buttons = component.Buttons ?? [];
        if (buttons.Count is 0 or > MaxButtons)
        {
            errors.Add($"{path}.buttons", $"1 to {MaxButtons} buttons.");
            return;
        }
        for (var b = 0; b < buttons.Count; b++)
        {
            var button = buttons[b];
            var at = $"{path}.buttons[{b}]";
            if (button.Type is null || !ButtonTypes.Contains(button.Type))
            {
                errors.Add($"{at}.type", "One of " + string.Join(", ", ButtonTypes) + ".");
                continue;
            }
            if (button.Type is not ("OTP" or "COPY_CODE") && string.IsNullOrWhiteSpace(button.Text))
                errors.Add($"{at}.text", "Required.");
            if (button.Type == "URL" && string.IsNullOrWhiteSpace(button.Url))
                errors.Add($"{at}.url", "Required for a URL button.");
            if (button.Type == "URL" && Variables(button.Url).Count > 0 && button.Example is not [_, ..])
                errors.Add($"{at}.example", "A URL with a variable needs a sample URL.");
            if (button.Type == "PHONE_NUMBER" && string.IsNullOrWhiteSpace(button.PhoneNumber))
                errors.Add($"{at}.phoneNumber", "Required for a PHONE_NUMBER button.");
        }
    }

    private static void ValidateVariables(IReadOnlyList<string> variables, bool named, string path, Errors errors)
    {
        if (variables.Count == 0) return;
        if (named)
        {
            if (variables.Any(v => !NamedVariable().IsMatch(v)))
                errors.Add(path, "With parameterFormat NAMED, variables are lowercase names like {{order_id}}.");
            return;
        }
        if (variables.Any(v => !PositionalVariable().IsMatch(v)))
        {
            errors.Add(path, variables.All(v => NamedVariable().IsMatch(v))
                ? "Named variables like {{order_id}} need parameterFormat NAMED."
                : "Variables are {{1}}, {{2}}, … (or names with parameterFormat NAMED).");
            return;
        }
        var numbers = variables.Select(int.Parse).Distinct().Order().ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count)))
            errors.Add(path, "Positional variables are sequential from {{1}}: {{1}}, {{2}}, …");
    }

    private static void ValidateExamples(IReadOnlyList<string> variables, bool named, IReadOnlyList<string>? positional,
        IReadOnlyList<NamedParameterExample>? byName, string path, Errors errors)
    {
        if (variables.Count == 0) return;
        if (named)
        {
            var missing = variables.Distinct()
                .Where(v => byName?.Any(e => e.ParamName == v && !string.IsNullOrEmpty(e.Example)) != true).ToList();
            if (missing.Count > 0) errors.Add(path, "A sample value is needed for every parameter; missing: " + string.Join(", ", missing) + ".");
            return;
        }
        var expected = variables.Distinct().Count();
        if (positional is null || positional.Count != expected || positional.Any(string.IsNullOrEmpty))
            errors.Add(path, $"A sample value is needed for every parameter: {expected} expected.");
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z]{2,3}(_[A-Z]{2})?$")]
    private static partial Regex Language();

    [GeneratedRegex(@"\{\{([^{}]*)\}\}")]
    private static partial Regex Variable();

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex PositionalVariable();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex NamedVariable();

    /// <summary>Several messages per field, in the shape ValidationProblem takes.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = [];

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var messages)) _byField[field] = messages = [];
            messages.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
