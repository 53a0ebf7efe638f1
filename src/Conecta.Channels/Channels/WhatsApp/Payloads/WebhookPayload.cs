using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Channels.WhatsApp.Payloads;

// Meta's webhook shapes, only as far as the mapping reads them. Raw JSON of each message and of
// each change value is kept by the mapper, so a field not modelled here is never lost.
// Array elements are nullable because JSON allows [null]: the mapper must say so, not throw.

internal sealed class WebhookPayload
{
    public string? Object { get; init; }
    public List<WebhookEntry?>? Entry { get; init; }
}

internal sealed class WebhookEntry
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Id { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Time { get; init; }
    public List<WebhookChange?>? Changes { get; init; }
}

internal sealed class WebhookChange
{
    public string? Field { get; init; }
    public JsonElement Value { get; init; }
}

internal sealed class MessagesValue
{
    public BusinessMetadata? Metadata { get; init; }
    public List<ContactPayload?>? Contacts { get; init; }
    public List<JsonElement>? Messages { get; init; }
    /// <summary>smb_message_echoes: what the business sent from the WhatsApp Business app (Coexistence).</summary>
    public List<JsonElement>? MessageEchoes { get; init; }
    /// <summary>user_preferences: a contact stopped or resumed marketing messages.</summary>
    public List<JsonElement>? UserPreferences { get; init; }
    public List<StatusPayload?>? Statuses { get; init; }
    public List<ErrorPayload?>? Errors { get; init; }
}

internal sealed class UserPreferencePayload
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? WaId { get; init; }
    public string? UserId { get; init; }
    public string? Detail { get; init; }
    public string? Category { get; init; }
    public string? Value { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Timestamp { get; init; }
}

internal sealed class BusinessMetadata
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? DisplayPhoneNumber { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? PhoneNumberId { get; init; }
}

internal sealed class ContactPayload
{
    public ProfilePayload? Profile { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? WaId { get; init; }
    public string? UserId { get; init; }
    public string? ParentUserId { get; init; }
}

internal sealed class ProfilePayload
{
    public string? Name { get; init; }
    public string? Username { get; init; }
}

internal sealed class ErrorPayload
{
    public int Code { get; init; }
    public string? Title { get; init; }
    public string? Message { get; init; }
    public ErrorData? ErrorData { get; init; }
}

internal sealed class ErrorData
{
    public string? Details { get; init; }
}

internal sealed class StatusPayload
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Timestamp { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? RecipientId { get; init; }
    public string? RecipientUserId { get; init; }
    public string? ParentRecipientUserId { get; init; }
    public string? RecipientType { get; init; }
    public string? BizOpaqueCallbackData { get; init; }
    public ConversationPayload? Conversation { get; init; }
    public PricingPayload? Pricing { get; init; }
    public List<ErrorPayload?>? Errors { get; init; }
}

internal sealed class ConversationPayload
{
    public string? Id { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? ExpirationTimestamp { get; init; }
    public OriginPayload? Origin { get; init; }
}

internal sealed class OriginPayload
{
    public string? Type { get; init; }
}

internal sealed class PricingPayload
{
    public bool? Billable { get; init; }
    public string? PricingModel { get; init; }
    public string? Category { get; init; }
    public string? Type { get; init; }
}
