using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Outbound;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(CommandAccepted))]
[JsonSerializable(typeof(CommandView))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
