using System.Text.Json.Serialization;

namespace Conecta.Channels.Channels.Telegram.Payloads;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 64)]
[JsonSerializable(typeof(UpdatePayload))]
internal sealed partial class TelegramJsonContext : JsonSerializerContext;
