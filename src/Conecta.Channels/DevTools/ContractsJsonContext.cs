using System.Text.Json;
using System.Text.Json.Serialization;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.DevTools;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InboundMessageReceived))]
[JsonSerializable(typeof(MessageStatusChanged))]
[JsonSerializable(typeof(TemplateStatusChanged))]
[JsonSerializable(typeof(ChannelAccountChanged))]
[JsonSerializable(typeof(ChannelNotificationReceived))]
internal sealed partial class ContractsJsonContext : JsonSerializerContext;
