using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Sessions;

/// <summary>The conversation as the read side answers it; enums as their names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationView))]
internal sealed partial class ConversationsJsonContext : JsonSerializerContext;
