using Conecta.Channels.Contracts.Commands;

namespace Conecta.Channels.Outbound;

/// <summary>What makes a command malformed, checked before anything else (pure).</summary>
internal static class CommandValidation
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;
    private static readonly string[] MediaKinds = ["image", "audio", "video", "document", "sticker"];

    /// <returns>Null when the command is well formed, otherwise what is wrong with it.</returns>
    public static string? Problem(OutboundCommand command)
    {
        if (command.CommandId == Guid.Empty) return "CommandId is required.";
        if (string.IsNullOrWhiteSpace(command.AccountId)) return "AccountId is required.";
        if (command.Body is not MarkAsRead && string.IsNullOrWhiteSpace(command.To)) return "To is required.";
        return command.Body switch
        {
            SendText t => TextProblem(t),
            SendMedia m => MediaProblem(m),
            SendTemplate t => TemplateProblem(t),
            MarkAsRead r => string.IsNullOrWhiteSpace(r.ProviderMessageId) ? "ProviderMessageId is required." : null,
            _ => $"{command.Body.GetType().Name} is not an outbound command.",
        };
    }

    private static string? TextProblem(SendText text) =>
        string.IsNullOrWhiteSpace(text.Text) ? "Text is required."
        : text.Text.Length > MaxTextLength ? $"Text is longer than {MaxTextLength} characters."
        : null;

    private static string? MediaProblem(SendMedia media)
    {
        if (!MediaKinds.Contains(media.Kind)) return $"Kind must be one of {string.Join(", ", MediaKinds)}.";
        if (string.IsNullOrWhiteSpace(media.Link) == string.IsNullOrWhiteSpace(media.MediaId))
            return "Exactly one of Link and MediaId is required.";
        if (media.Link is { Length: > 0 } link &&
            (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            return "Link must be an absolute https URL.";
        if (media.Caption is not null && media.Kind is "audio" or "sticker") return $"A {media.Kind} cannot have a caption.";
        if (media.Caption is { Length: > MaxCaptionLength }) return $"Caption is longer than {MaxCaptionLength} characters.";
        if (media.FileName is not null && media.Kind != "document") return "FileName is for documents only.";
        return null;
    }

    private static string? TemplateProblem(SendTemplate template)
    {
        if (string.IsNullOrWhiteSpace(template.TemplateName)) return "TemplateName is required.";
        if (string.IsNullOrWhiteSpace(template.Language)) return "Language is required.";
        foreach (var component in template.Components ?? [])
        {
            // JSON can leave these out or null; GraphMessages would then throw instead of the command being rejected.
            if (component is null) return "Components cannot contain null.";
            if (component.Type is not ("header" or "body" or "button")) return $"Unknown component type '{component.Type}'.";
            if (component.Parameters is null || component.Parameters.Contains(null!))
                return $"Component '{component.Type}' has missing parameters.";
            if (component.Type == "button" && (component.SubType is null || component.Index is null))
                return "Button components need SubType and Index.";
        }
        return null;
    }
}
