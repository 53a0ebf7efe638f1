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
    public GraphInteractive? Interactive { get; init; }
    public GraphReaction? Reaction { get; init; }
    public GraphLocation? Location { get; init; }
    public IReadOnlyList<GraphContactCard>? Contacts { get; init; }
    public GraphContext? Context { get; init; }
    /// <summary>Echoed back in every status webhook: carries the CommandId, so statuses correlate even before the send's response arrives.</summary>
    public string? BizOpaqueCallbackData { get; init; }
    public string? Status { get; init; }
    public string? MessageId { get; init; }
    public GraphTyping? TypingIndicator { get; init; }
}

internal sealed record GraphText(string Body, bool PreviewUrl);

/// <param name="Voice">Audio only: true sends it as a voice note (OGG/Opus); absent, a music file.</param>
internal sealed record GraphMedia(string? Id, string? Link, string? Caption, string? Filename, bool? Voice = null);

internal sealed record GraphContext(string MessageId);

internal sealed record GraphTyping(string Type);

/// <summary>interactive: button, list, cta_url, flow or location_request_message; header, body and footer are text.</summary>
internal sealed record GraphInteractive(string Type, GraphInteractiveText? Header, GraphBodyText Body, GraphBodyText? Footer, GraphAction Action);

internal sealed record GraphInteractiveText(string Type, string Text);

internal sealed record GraphBodyText(string Text);

/// <summary>Reply buttons; a list's button and sections; or a named action (cta_url, flow, send_location) and its parameters.</summary>
internal sealed record GraphAction
{
    public IReadOnlyList<GraphReplyButton>? Buttons { get; init; }
    public string? Button { get; init; }
    public IReadOnlyList<GraphSection>? Sections { get; init; }
    public string? Name { get; init; }
    public GraphActionParameters? Parameters { get; init; }
}

internal sealed record GraphReplyButton(string Type, GraphReply Reply);

internal sealed record GraphReply(string Id, string Title);

internal sealed record GraphSection(string? Title, IReadOnlyList<GraphRow> Rows);

internal sealed record GraphRow(string Id, string Title, string? Description);

/// <summary>cta_url: display_text and url; flow: the version, token, id, CTA, action and its payload.</summary>
internal sealed record GraphActionParameters
{
    public string? DisplayText { get; init; }
    public string? Url { get; init; }
    public string? FlowMessageVersion { get; init; }
    public string? FlowToken { get; init; }
    public string? FlowId { get; init; }
    public string? FlowCta { get; init; }
    public string? FlowAction { get; init; }
    public GraphFlowPayload? FlowActionPayload { get; init; }
}

internal sealed record GraphFlowPayload(string Screen, IReadOnlyDictionary<string, string>? Data);

internal sealed record GraphReaction(string MessageId, string Emoji);

internal sealed record GraphLocation(double Latitude, double Longitude, string? Name, string? Address);

internal sealed record GraphContactCard(GraphContactName Name, IReadOnlyList<GraphContactPhone> Phones, IReadOnlyList<GraphContactEmail>? Emails);

internal sealed record GraphContactName(string FormattedName, string FirstName);

internal sealed record GraphContactPhone(string Phone, string? Type, string? WaId);

internal sealed record GraphContactEmail(string Email);

internal sealed record GraphTemplate(string Name, GraphLanguage Language, IReadOnlyList<GraphComponent>? Components);

internal sealed record GraphLanguage(string Code);

internal sealed record GraphComponent(string Type, IReadOnlyList<GraphParameter> Parameters, string? SubType, string? Index);

internal sealed record GraphParameter(string Type, string? Text, string? Payload, string? ParameterName, GraphMedia? Image, GraphMedia? Video, GraphMedia? Document)
{
    public GraphLocation? Location { get; init; }
    public GraphCurrency? Currency { get; init; }
    public GraphDateTime? DateTime { get; init; }
    public string? CouponCode { get; init; }
    public GraphFlowButtonAction? Action { get; init; }
}

internal sealed record GraphCurrency(string FallbackValue, string Code, [property: JsonPropertyName("amount_1000")] long Amount1000);

internal sealed record GraphDateTime(string FallbackValue);

internal sealed record GraphFlowButtonAction(string? FlowToken, IReadOnlyDictionary<string, string>? FlowActionData);

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
