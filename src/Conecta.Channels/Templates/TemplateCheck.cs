using Conecta.Channels.Contracts.Commands;

namespace Conecta.Channels.Templates;

internal enum TemplateCheckOutcome { Approved, NotFound, NotApproved, ParametersMismatch }

/// <summary>Whether a template send may go out, and if not, why (for MessageRejected).</summary>
/// <param name="Template">The stored template, when one was found.</param>
internal sealed record TemplateCheck(TemplateCheckOutcome Outcome, string Detail, MessageTemplate? Template = null)
{
    public bool CanSend => Outcome == TemplateCheckOutcome.Approved;
}

/// <summary>
/// The send-time rule: the translation exists, is APPROVED, and the parameters given fit its header
/// and body variables (count for positional templates, names for named ones). Pure, so the rule is
/// tested without a database. Buttons are not compared: their parameters are not declared as variables.
/// </summary>
internal static class TemplateChecks
{
    public static TemplateCheck Evaluate(MessageTemplate? template, string name, string language, IReadOnlyList<TemplateComponent> given)
    {
        if (template is null)
            return new TemplateCheck(TemplateCheckOutcome.NotFound, $"No template {name} in {language} for this account.");
        if (template.Status != MessageTemplate.Approved)
            return new TemplateCheck(TemplateCheckOutcome.NotApproved,
                $"Template {name} ({language}) is {template.Status}" + (template.StatusReason is { } reason ? $": {reason}" : "."), template);

        foreach (var part in new[] { "HEADER", "BODY" })
        {
            var declared = template.Components.FirstOrDefault(c => c.Type == part);
            var parameters = given.Where(c => string.Equals(c.Type, part, StringComparison.OrdinalIgnoreCase))
                .SelectMany(c => c.Parameters).ToList();
            if (Mismatch(template, declared, parameters) is { } problem)
                return new TemplateCheck(TemplateCheckOutcome.ParametersMismatch, $"{part.ToLowerInvariant()}: {problem}", template);
        }
        return new TemplateCheck(TemplateCheckOutcome.Approved, $"Template {name} ({language}) is approved.", template);
    }

    private static string? Mismatch(MessageTemplate template, TemplateComponentDefinition? declared, List<TemplateParameter> given)
    {
        // A media or location header takes exactly one parameter, of its own kind: the media or the place (Meta refuses a text one).
        if (declared is { Format: not null and not "TEXT" })
        {
            var kind = declared.Format.ToLowerInvariant();
            if (given.Count != 1) return $"expects 1 {kind} parameter, got {given.Count}.";
            return given[0].Type == kind ? null : $"expects a {kind} parameter, got {given[0].Type}.";
        }

        var variables = TemplateRules.Variables(declared?.Text).Distinct().ToList();
        if (template.ParameterFormat != MessageTemplate.Named)
            return given.Count == variables.Count ? null : $"expects {variables.Count} parameters, got {given.Count}.";

        var names = given.Select(p => p.Name ?? "").ToList();
        var missing = variables.Except(names).ToList();
        var unexpected = names.Except(variables).ToList();
        if (missing.Count == 0 && unexpected.Count == 0 && names.Count == variables.Count) return null;
        return $"expects parameters named {Join(variables)}; missing {Join(missing)}, unexpected {Join(unexpected)}.";
    }

    private static string Join(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
