using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Outbound;

/// <summary>The command routes' bodies and answers (messages, conversations, commands); enums as their names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(StartConversationRequest))]
[JsonSerializable(typeof(ParticipantNoticeRequest))]
[JsonSerializable(typeof(EndConversationRequest))]
[JsonSerializable(typeof(CommandAccepted))]
[JsonSerializable(typeof(CommandView))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
