using System.Text.Json.Serialization;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

// Request and response bodies of POST /{phone-number-id}/messages, as Meta documents them.

internal sealed record GraphMessage
{
    public string MessagingProduct { get; init; } = "whatsapp";
    public string? RecipientType { get; init; }
    public string? To { get; init; }
    /// <summary>Business-scoped user id, for contacts whose phone Meta withholds.</summary>
    public string? Recipient { get; init; }
    public string? Type { get; init; }
    public GraphText? Text { get; init; }
    public GraphMedia? Image { get; init; }
    public GraphMedia? Audio { get; init; }
    public GraphMedia? Video { get; init; }
    public GraphMedia? Document { get; init; }
    public GraphMedia? Sticker { get; init; }
    public GraphTemplate? Template { get; init; }
    public GraphContext? Context { get; init; }
    /// <summary>Echoed back in every status webhook: carries the CommandId, so statuses correlate even before the send's response arrives.</summary>
    public string? BizOpaqueCallbackData { get; init; }
    public string? Status { get; init; }
    public string? MessageId { get; init; }
    public GraphTyping? TypingIndicator { get; init; }
}

internal sealed record GraphText(string Body, bool PreviewUrl);

internal sealed record GraphMedia(string? Id, string? Link, string? Caption, string? Filename);

internal sealed record GraphContext(string MessageId);

internal sealed record GraphTyping(string Type);

internal sealed record GraphTemplate(string Name, GraphLanguage Language, IReadOnlyList<GraphComponent>? Components);

internal sealed record GraphLanguage(string Code);

internal sealed record GraphComponent(string Type, IReadOnlyList<GraphParameter> Parameters, string? SubType, string? Index);

internal sealed record GraphParameter(string Type, string? Text, string? Payload, string? ParameterName, GraphMedia? Image, GraphMedia? Video, GraphMedia? Document);

internal sealed record GraphSendResponse(IReadOnlyList<GraphSentContact>? Contacts, IReadOnlyList<GraphSentMessage>? Messages, bool? Success);

internal sealed record GraphSentContact(string? Input, string? WaId);

internal sealed record GraphSentMessage(string Id, string? MessageStatus);

internal sealed record GraphErrorResponse(GraphError? Error);

internal sealed record GraphError(string? Message, string? Type, int Code, int? ErrorSubcode, GraphErrorData? ErrorData, string? FbtraceId);

internal sealed record GraphErrorData(string? Details);

internal sealed record GraphMediaUploaded(string Id);

internal sealed record GraphMediaInfo(string? Url, string? MimeType, string? Sha256, long? FileSize);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphMessage))]
[JsonSerializable(typeof(GraphSendResponse))]
[JsonSerializable(typeof(GraphErrorResponse))]
[JsonSerializable(typeof(GraphMediaUploaded))]
[JsonSerializable(typeof(GraphMediaInfo))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
