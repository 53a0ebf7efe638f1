using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Sessions;

/// <summary>The conversations API's bodies and answers; enums as their names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StartConversationRequest))]
[JsonSerializable(typeof(ParticipantNoticeRequest))]
[JsonSerializable(typeof(EndConversationRequest))]
[JsonSerializable(typeof(ConversationView))]
internal sealed partial class ConversationsJsonContext : JsonSerializerContext;
