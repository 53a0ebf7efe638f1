using System.Text.Json.Serialization;

namespace Conecta.Channels.Channels.WhatsApp.Payloads;

internal sealed class MessagePayload
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? From { get; init; }
    public string? FromUserId { get; init; }
    public string? FromParentUserId { get; init; }
    /// <summary>An echo's recipient (smb_message_echoes): the contact the business wrote to.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? To { get; init; }
    public string? ToUserId { get; init; }
    public string? ToParentUserId { get; init; }
    public string? Id { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Timestamp { get; init; }
    public string? Type { get; init; }
    public ContextPayload? Context { get; init; }
    public ReferralPayload? Referral { get; init; }
    public TextPayload? Text { get; init; }
    public MediaPayload? Image { get; init; }
    public MediaPayload? Video { get; init; }
    public MediaPayload? Audio { get; init; }
    public MediaPayload? Document { get; init; }
    public MediaPayload? Sticker { get; init; }
    public LocationPayload? Location { get; init; }
    public List<ContactCardPayload?>? Contacts { get; init; }
    public InteractivePayload? Interactive { get; init; }
    public ButtonPayload? Button { get; init; }
    public ReactionPayload? Reaction { get; init; }
    public OrderPayload? Order { get; init; }
    public SystemPayload? System { get; init; }
    public ChangedMessagePayload? Edit { get; init; }
    public ChangedMessagePayload? Revoke { get; init; }
    public List<ErrorPayload?>? Errors { get; init; }
}

internal sealed class ContextPayload
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? From { get; init; }
    public string? Id { get; init; }
    public bool Forwarded { get; init; }
    public bool FrequentlyForwarded { get; init; }
    public ReferredProductPayload? ReferredProduct { get; init; }
}

internal sealed class ReferredProductPayload
{
    public string? ProductRetailerId { get; init; }
}

internal sealed class ReferralPayload
{
    public string? SourceUrl { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? SourceId { get; init; }
    public string? SourceType { get; init; }
    public string? Headline { get; init; }
    public string? Body { get; init; }
    public string? MediaType { get; init; }
    public string? CtwaClid { get; init; }
}

internal sealed class TextPayload
{
    public string? Body { get; init; }
}

internal sealed class MediaPayload
{
    public string? Id { get; init; }
    public string? MimeType { get; init; }
    public string? Sha256 { get; init; }
    public string? Caption { get; init; }
    public string? Filename { get; init; }
    public string? Url { get; init; }
    public bool Voice { get; init; }
    public bool Animated { get; init; }
}

internal sealed class LocationPayload
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public double Latitude { get; init; }
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public double Longitude { get; init; }
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? Url { get; init; }
}

internal sealed class ContactCardPayload
{
    public ContactNamePayload? Name { get; init; }
    public List<ContactPhonePayload?>? Phones { get; init; }
    public List<ContactEmailPayload?>? Emails { get; init; }
}

internal sealed class ContactNamePayload
{
    public string? FormattedName { get; init; }
}

internal sealed class ContactPhonePayload
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Phone { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? WaId { get; init; }
    public string? Type { get; init; }
}

internal sealed class ContactEmailPayload
{
    public string? Email { get; init; }
}

internal sealed class InteractivePayload
{
    public string? Type { get; init; }
    public ChoicePayload? ButtonReply { get; init; }
    public ChoicePayload? ListReply { get; init; }
    public FlowReplyPayload? NfmReply { get; init; }
    public CallPermissionReplyPayload? CallPermissionReply { get; init; }
}

internal sealed class ChoicePayload
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
}

internal sealed class FlowReplyPayload
{
    public string? ResponseJson { get; init; }
    public string? Body { get; init; }
    public string? Name { get; init; }
}

internal sealed class CallPermissionReplyPayload
{
    public string? Response { get; init; }
}

internal sealed class ButtonPayload
{
    public string? Payload { get; init; }
    public string? Text { get; init; }
}

internal sealed class ReactionPayload
{
    public string? MessageId { get; init; }
    public string? Emoji { get; init; }
}

internal sealed class OrderPayload
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? CatalogId { get; init; }
    public string? Text { get; init; }
    public List<OrderItemPayload?>? ProductItems { get; init; }
}

internal sealed class OrderItemPayload
{
    public string? ProductRetailerId { get; init; }
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal Quantity { get; init; }
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal ItemPrice { get; init; }
    public string? Currency { get; init; }
}

internal sealed class SystemPayload
{
    public string? Body { get; init; }
    public string? Type { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? WaId { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? NewWaId { get; init; }
    public string? UserId { get; init; }
    public string? NewUserId { get; init; }
}

internal sealed class ChangedMessagePayload
{
    public string? OriginalMessageId { get; init; }
    public MessagePayload? Message { get; init; }
}
