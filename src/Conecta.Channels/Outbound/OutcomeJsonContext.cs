using System.Text.Json.Serialization;

namespace Conecta.Channels.Outbound;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CommandOutcome))]
internal sealed partial class OutcomeJsonContext : JsonSerializerContext;
