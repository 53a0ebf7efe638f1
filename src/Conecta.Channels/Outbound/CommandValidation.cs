using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Sessions;

namespace Conecta.Channels.Outbound;

/// <summary>What is wrong with a command: the JSON field (camelCase, as the command travels on the bus and over HTTP) and why.</summary>
internal sealed record CommandProblem(string Field, string Message)
{
    /// <summary>The shape of an HTTP 400: the field and its message.</summary>
    public Dictionary<string, string[]> AsErrors() => new() { [Field] = [Message] };
}

/// <summary>
/// What makes a command malformed, checked before anything else (pure). The bus consumers refuse such a command
/// InvalidCommand with the message; the HTTP endpoints answer 400 naming the field. One set of rules for both.
/// </summary>
internal static class CommandValidation
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;
    public const int MaxCallbackData = 512;
    private const int MaxNameLength = 200;
    private static readonly string[] MediaKinds = ["image", "audio", "video", "document", "sticker"];

    /// <returns>Null when the command is well formed, otherwise what is wrong with it.</returns>
    public static CommandProblem? Problem(OutboundCommand command) =>
        Addressed(command.CommandId, command.AccountId, command.Body is MarkAsRead ? null : command.To ?? "")
        // Meta's limit on biz_opaque_callback_data.
        ?? (command.CallbackData is { Length: > MaxCallbackData } ? new CommandProblem("callbackData", $"callbackData is longer than {MaxCallbackData} characters.") : null)
        ?? command.Body switch
        {
            SendText t => TextProblem(t),
            SendMedia m => MediaProblem(m),
            SendTemplate t => TemplateProblem(t.TemplateName, t.Language, t.Components),
            MarkAsRead r => Required("providerMessageId", r.ProviderMessageId),
            SendInteractive i => InteractiveValidation.Problem(i),
            SendReaction r => InteractiveValidation.Problem(r),
            SendLocation l => InteractiveValidation.Problem(l),
            SendContacts c => InteractiveValidation.Problem(c),
            ShowTyping => null,
            _ => new("type", $"{command.Body.GetType().Name} is not an outbound command."),
        };

    /// <param name="policy">The conversation rules of the account's channel; null when the account is unknown (only the
    /// fields every channel needs are checked then).</param>
    public static CommandProblem? Problem(StartActiveContact start, ConversationPolicy? policy) =>
        Addressed(start.CommandId, start.AccountId, start.To)
        ?? Name("agentId", start.AgentId)
        ?? Name("team", start.Team)
        ?? policy switch
        {
            null => null,
            // A channel whose conversations begin with a template starts with one; the others with the command's text.
            { TemplateFirst: true } => TemplateProblem(start.TemplateName, start.Language, start.Components),
            _ => TextProblem(start.Text),
        };

    public static CommandProblem? Problem(NotifyParticipantChange notify) =>
        Addressed(notify.CommandId, notify.AccountId, notify.To) ?? Name("agentName", notify.AgentName);

    public static CommandProblem? Problem(EndSession end) => Addressed(end.CommandId, end.AccountId, end.To);

    /// <param name="to">Null for commands without a recipient (mark as read).</param>
    private static CommandProblem? Addressed(Guid commandId, string? accountId, string? to)
    {
        if (commandId == Guid.Empty) return new("commandId", "commandId is required.");
        if (string.IsNullOrWhiteSpace(accountId)) return new("accountId", "accountId is required.");
        return to is null ? null : Required("to", to);
    }

    private static CommandProblem? Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? new(field, $"{field} is required.") : null;

    private static CommandProblem? Name(string field, string? value) =>
        Required(field, value) ?? (value!.Length > MaxNameLength ? new(field, $"{field} is longer than {MaxNameLength} characters.") : null);

    private static CommandProblem? TextProblem(SendText text) => TextProblem(text.Text);

    private static CommandProblem? TextProblem(string? text) =>
        Required("text", text) ?? (text!.Length > MaxTextLength ? new("text", $"text is longer than {MaxTextLength} characters.") : null);

    private static CommandProblem? MediaProblem(SendMedia media)
    {
        if (!MediaKinds.Contains(media.Kind)) return new("kind", $"kind must be one of {string.Join(", ", MediaKinds)}.");
        if (string.IsNullOrWhiteSpace(media.Link) == string.IsNullOrWhiteSpace(media.MediaId))
            return new("link", "Exactly one of link and mediaId is required.");
        if (media.Link is { Length: > 0 } link &&
            (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            return new("link", "link must be an absolute https URL.");
        if (media.Caption is not null && media.Kind is "audio" or "sticker") return new("caption", $"A {media.Kind} cannot have a caption.");
        if (media.Caption is { Length: > MaxCaptionLength }) return new("caption", $"caption is longer than {MaxCaptionLength} characters.");
        if (media.FileName is not null && media.Kind != "document") return new("fileName", "fileName is for documents only.");
        if (media.Voice && media.Kind != "audio") return new("voice", "voice is for audio only: a voice note is an audio file.");
        return null;
    }

    private static CommandProblem? TemplateProblem(string? templateName, string? language, IReadOnlyList<TemplateComponent>? components)
    {
        if (Required("templateName", templateName) is { } name) return name;
        if (Required("language", language) is { } code) return code;
        for (var i = 0; i < (components?.Count ?? 0); i++)
        {
            var component = components![i];
            var at = $"components[{i}]";
            // JSON can leave these out or null; a channel building its request would then throw instead of the command being rejected.
            if (component is null) return new(at, "components cannot contain null.");
            if (component.Type is not ("header" or "body" or "button")) return new($"{at}.type", $"Unknown component type '{component.Type}'.");
            if (component.Parameters is null || component.Parameters.Contains(null!))
                return new($"{at}.parameters", $"Component '{component.Type}' has missing parameters.");
            if (component.Type == "button" && (component.SubType is null || component.Index is null))
                return new(component.SubType is null ? $"{at}.subType" : $"{at}.index", "Button components need subType and index.");
            for (var p = 0; p < component.Parameters.Count; p++)
                if (ParameterProblem(component, component.Parameters[p]) is { } problem) return new($"{at}.parameters[{p}]{problem.Field}", problem.Message);
        }
        return null;
    }

    /// <summary>The parameter types Meta takes in each part (a button's by its sub-type), and what each type must carry.</summary>
    private static CommandProblem? ParameterProblem(TemplateComponent component, TemplateParameter parameter)
    {
        string[] allowed = (component.Type, component.SubType) switch
        {
            ("header", _) => ["text", "currency", "date_time", "image", "video", "document", "location"],
            ("body", _) => ["text", "currency", "date_time"],
            ("button", "quick_reply") => ["payload"],
            ("button", "url") => ["text"],
            ("button", "copy_code") => ["coupon_code"],
            ("button", "flow") => ["action"],
            _ => [],
        };
        if (!allowed.Contains(parameter.Type))
            return new(".type", allowed.Length == 0
                ? $"Unknown button subType '{component.SubType}': quick_reply, url, copy_code or flow."
                : $"A {component.SubType ?? component.Type} parameter is {string.Join(", ", allowed)}, not '{parameter.Type}'.");
        return parameter.Type switch
        {
            "text" or "payload" or "coupon_code" or "date_time" when string.IsNullOrWhiteSpace(parameter.Text) =>
                new(".text", $"A {parameter.Type} parameter needs text."),
            "currency" when parameter.Currency is not { FallbackValue.Length: > 0, Code.Length: 3 } =>
                new(".currency", "A currency parameter needs currency: fallbackValue, a three-letter code and amount1000."),
            "location" when parameter.Location is not { Latitude: >= -90 and <= 90, Longitude: >= -180 and <= 180 } =>
                new(".location", "A location parameter needs location: latitude (-90 to 90) and longitude (-180 to 180)."),
            "image" or "video" or "document" when string.IsNullOrWhiteSpace(parameter.Link) == string.IsNullOrWhiteSpace(parameter.MediaId) =>
                new(".link", "A media parameter needs exactly one of link and mediaId."),
            _ => null,
        };
    }
}
