using System.Text.Json;
using System.Text.Json.Serialization;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.DevTools;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(InboundMessageReceived))]
[JsonSerializable(typeof(MessageStatusChanged))]
[JsonSerializable(typeof(TemplateStatusChanged))]
[JsonSerializable(typeof(ChannelAccountChanged))]
[JsonSerializable(typeof(ChannelNotificationReceived))]
[JsonSerializable(typeof(BusinessMessageEchoed))]
[JsonSerializable(typeof(ContactIdentityChanged))]
[JsonSerializable(typeof(MarketingPreferenceChanged))]
[JsonSerializable(typeof(MessageAccepted))]
[JsonSerializable(typeof(MessageRejected))]
[JsonSerializable(typeof(SendText))]
[JsonSerializable(typeof(SendMedia))]
[JsonSerializable(typeof(SendTemplate))]
[JsonSerializable(typeof(MarkAsRead))]
[JsonSerializable(typeof(SendInteractive))]
[JsonSerializable(typeof(SendReaction))]
[JsonSerializable(typeof(SendLocation))]
[JsonSerializable(typeof(SendContacts))]
[JsonSerializable(typeof(ShowTyping))]
[JsonSerializable(typeof(StartActiveContact))]
[JsonSerializable(typeof(NotifyParticipantChange))]
[JsonSerializable(typeof(EndSession))]
[JsonSerializable(typeof(ActiveContactStarted))]
[JsonSerializable(typeof(TypingUnlocked))]
[JsonSerializable(typeof(SessionQueued))]
[JsonSerializable(typeof(SessionWindowExpired))]
[JsonSerializable(typeof(SessionClosed))]
internal sealed partial class ContractsJsonContext : JsonSerializerContext;
