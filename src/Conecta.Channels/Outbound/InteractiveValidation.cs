using Conecta.Channels.Contracts.Commands;

namespace Conecta.Channels.Outbound;

/// <summary>
/// Meta's limits on interactive messages, reactions, locations and contact cards (its interactive-messages reference: 3 reply
/// buttons of 20 characters with ids of 256; a list of 10 sections and 10 rows in all, titles of 24, descriptions of 72, ids of
/// 200, a button of 20; a CTA's text of 20; a Flow's CTA of 20; header and footer of 60), checked before the network (pure).
/// The JSON field of each problem is named as the command travels (camelCase, with indexes).
/// </summary>
internal static class InteractiveValidation
{
    public const int MaxButtons = 3;
    public const int MaxButtonTitle = 20;
    public const int MaxButtonId = 256;
    public const int MaxSections = 10;
    public const int MaxRows = 10;
    public const int MaxRowTitle = 24;
    public const int MaxRowDescription = 72;
    public const int MaxRowId = 200;
    public const int MaxSectionTitle = 24;
    public const int MaxHeaderOrFooter = 60;
    public const int MaxBody = 1024;
    public const int MaxListBody = 4096;
    public const int MaxContacts = 10;
    private static readonly string[] Kinds = ["button", "list", "cta_url", "flow", "location_request"];

    public static CommandProblem? Problem(SendInteractive m)
    {
        if (!Kinds.Contains(m.Kind)) return new("kind", $"kind must be one of {string.Join(", ", Kinds)}.");
        return Text("body", m.Body, m.Kind == "list" ? MaxListBody : MaxBody, required: true)
            ?? (m.Kind == "location_request" && (m.Header ?? m.Footer) is not null
                ? new CommandProblem(m.Header is null ? "footer" : "header", "A location request has a body only.")
                : null)
            ?? Text("header", m.Header, MaxHeaderOrFooter)
            ?? Text("footer", m.Footer, MaxHeaderOrFooter)
            ?? Only(m, "buttons", m.Buttons, "button")
            ?? Only(m, "sections", m.Sections, "list")
            ?? Only(m, "listButton", m.ListButton, "list")
            ?? Only(m, "cta", m.Cta, "cta_url")
            ?? Only(m, "flow", m.Flow, "flow")
            ?? m.Kind switch
            {
                "button" => ButtonsProblem(m.Buttons),
                "list" => ListProblem(m.ListButton, m.Sections),
                "cta_url" => CtaProblem(m.Cta),
                "flow" => FlowProblem(m.Flow),
                _ => null,
            };
    }

    public static CommandProblem? Problem(SendReaction r) =>
        Text("providerMessageId", r.ProviderMessageId, 512, required: true)
        // Empty removes the reaction; one emoji may be several code points (skin tones, families, flags).
        ?? (r.Emoji is null ? new("emoji", "emoji is required (empty removes the reaction).") : Text("emoji", r.Emoji, 32));

    public static CommandProblem? Problem(SendLocation l)
    {
        if (l.Latitude is < -90 or > 90 || double.IsNaN(l.Latitude)) return new("latitude", "latitude must be between -90 and 90.");
        if (l.Longitude is < -180 or > 180 || double.IsNaN(l.Longitude)) return new("longitude", "longitude must be between -180 and 180.");
        return Text("name", l.Name, 1000) ?? Text("address", l.Address, 1000);
    }

    public static CommandProblem? Problem(SendContacts c)
    {
        if (c.Contacts is not { Count: > 0 and <= MaxContacts })
            return new("contacts", $"contacts must hold 1 to {MaxContacts} cards.");
        for (var i = 0; i < c.Contacts.Count; i++)
        {
            var at = $"contacts[{i}]";
            if (c.Contacts[i] is not { } card) return new(at, "contacts cannot contain null.");
            if (Text($"{at}.formattedName", card.FormattedName, 1000, required: true) is { } name) return name;
            if (card.Phones is null) return new($"{at}.phones", "phones is required (it may be empty).");
            for (var p = 0; p < card.Phones.Count; p++)
                if (card.Phones[p] is not { Phone.Length: > 0 })
                    return new($"{at}.phones[{p}].phone", "phone is required.");
        }
        return null;
    }

    private static CommandProblem? ButtonsProblem(IReadOnlyList<ReplyButton>? buttons)
    {
        if (buttons is not { Count: > 0 and <= MaxButtons }) return new("buttons", $"A button message has 1 to {MaxButtons} buttons.");
        for (var i = 0; i < buttons.Count; i++)
        {
            if (buttons[i] is not { } button) return new($"buttons[{i}]", "buttons cannot contain null.");
            if ((Text($"buttons[{i}].id", button.Id, MaxButtonId, required: true) ?? Text($"buttons[{i}].title", button.Title, MaxButtonTitle, required: true))
                is { } problem) return problem;
            if (buttons.Take(i).Any(b => b.Id == button.Id)) return new($"buttons[{i}].id", "Button ids must be unique.");
            if (buttons.Take(i).Any(b => b.Title == button.Title)) return new($"buttons[{i}].title", "Button titles must be unique.");
        }
        return null;
    }

    private static CommandProblem? ListProblem(string? listButton, IReadOnlyList<ListSection>? sections)
    {
        if (Text("listButton", listButton, MaxButtonTitle, required: true) is { } button) return button;
        if (sections is not { Count: > 0 and <= MaxSections }) return new("sections", $"A list has 1 to {MaxSections} sections.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < sections.Count; s++)
        {
            var at = $"sections[{s}]";
            if (sections[s] is not { } section) return new(at, "sections cannot contain null.");
            if (sections.Count > 1 && string.IsNullOrWhiteSpace(section.Title)) return new($"{at}.title", "Each section needs a title when there are several.");
            if (Text($"{at}.title", section.Title, MaxSectionTitle) is { } title) return title;
            if (section.Rows is not { Count: > 0 }) return new($"{at}.rows", "Each section has at least one row.");
            for (var r = 0; r < section.Rows.Count; r++)
            {
                var rowAt = $"{at}.rows[{r}]";
                if (section.Rows[r] is not { } row) return new(rowAt, "rows cannot contain null.");
                if ((Text($"{rowAt}.id", row.Id, MaxRowId, required: true)
                    ?? Text($"{rowAt}.title", row.Title, MaxRowTitle, required: true)
                    ?? Text($"{rowAt}.description", row.Description, MaxRowDescription)) is { } problem) return problem;
                if (!ids.Add(row.Id)) return new($"{rowAt}.id", "Row ids must be unique across the list.");
            }
        }
        return ids.Count > MaxRows ? new("sections", $"A list has at most {MaxRows} rows in all its sections.") : null;
    }

    private static CommandProblem? CtaProblem(CtaUrl? link)
    {
        if (link is null) return new("cta", "A cta_url message needs cta (displayText and url).");
        if (Text("cta.displayText", link.DisplayText, MaxButtonTitle, required: true) is { } text) return text;
        return Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : new("cta.url", "cta.url must be an absolute http or https URL.");
    }

    private static CommandProblem? FlowProblem(FlowLaunch? flow)
    {
        if (flow is null) return new("flow", "A flow message needs flow (flowId, cta).");
        if ((Text("flow.flowId", flow.FlowId, 100, required: true) ?? Text("flow.cta", flow.Cta, MaxButtonTitle, required: true)) is { } problem)
            return problem;
        return flow.Action switch
        {
            "navigate" when string.IsNullOrWhiteSpace(flow.Screen) => new("flow.screen", "A navigate Flow opens a screen: flow.screen is required."),
            "navigate" => null,
            "data_exchange" when flow.Screen is not null || flow.Data is not null =>
                new(flow.Screen is null ? "flow.data" : "flow.screen", "A data_exchange Flow asks its endpoint for the first screen: no flow.screen or flow.data."),
            "data_exchange" => null,
            _ => new("flow.action", "flow.action must be navigate or data_exchange."),
        };
    }

    /// <summary>A field that belongs to another kind of message is refused rather than dropped.</summary>
    private static CommandProblem? Only(SendInteractive m, string field, object? value, string kind) =>
        value is not null && m.Kind != kind ? new(field, $"{field} is for {kind} messages only.") : null;

    private static CommandProblem? Text(string field, string? value, int max, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(value)) return new(field, $"{field} is required.");
        return value is { } v && v.Length > max ? new(field, $"{field} is longer than {max} characters.") : null;
    }
}
