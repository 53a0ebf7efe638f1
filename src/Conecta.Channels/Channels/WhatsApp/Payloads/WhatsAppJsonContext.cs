using System.Text.Json.Serialization;

namespace Conecta.Channels.Channels.WhatsApp.Payloads;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 64)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(MessagesValue))]
[JsonSerializable(typeof(UserPreferencePayload))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(TemplateChangeValue))]
[JsonSerializable(typeof(AccountChangeValue))]
internal sealed partial class WhatsAppJsonContext : JsonSerializerContext;
