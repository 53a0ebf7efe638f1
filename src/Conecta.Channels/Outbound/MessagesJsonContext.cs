using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Outbound;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageAccepted))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
