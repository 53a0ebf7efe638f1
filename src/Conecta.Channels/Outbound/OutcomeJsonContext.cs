using System.Text.Json.Serialization;

namespace Conecta.Channels.Outbound;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CommandOutcome))]
[JsonSerializable(typeof(DeliveryStatus))]
internal sealed partial class OutcomeJsonContext : JsonSerializerContext;
