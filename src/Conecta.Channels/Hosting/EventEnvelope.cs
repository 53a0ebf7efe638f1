using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Conecta.Channels.DevTools;

namespace Conecta.Channels.Hosting;

/// <summary>
/// The JSON MassTransit's consumers read (application/vnd.masstransit+json), written without MassTransit: the
/// message as the bus serializes it (camelCase, enums by name, long strings in segments) inside the smallest envelope
/// its deserializer accepts — messageId, messageType, sentTime, message. Compact, where MassTransit indents and adds
/// the sender's host description to every message (a 0.8 KB event became 2.1 KB on the wire).
/// </summary>
internal sealed class EventEnvelope(TimeProvider clock)
{
    public const string ContentType = "application/vnd.masstransit+json";

    private static readonly JsonSerializerOptions MessageOptions = new(ContractsJsonContext.Default.Options)
    {
        // MassTransit's choice too: pt-BR text travels as UTF-8, not \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SegmentedStringConverter() },
    };

    private static readonly ConcurrentDictionary<Type, string> MessageTypes = new();

    /// <summary>MassTransit's name for a message type, also the name of its exchange: "Namespace:Type".</summary>
    public static string EntityName(Type type) => type.Namespace + ":" + type.Name;

    public void Write(IBufferWriter<byte> output, object message, Guid messageId)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = MessageOptions.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteString("messageId", messageId);
        writer.WriteStartArray("messageType");
        writer.WriteStringValue(MessageTypes.GetOrAdd(message.GetType(), static type => "urn:message:" + EntityName(type)));
        writer.WriteEndArray();
        writer.WriteString("sentTime", clock.GetUtcNow());
        writer.WritePropertyName("message");
        JsonSerializer.Serialize(writer, message, MessageOptions.GetTypeInfo(message.GetType()));
        writer.WriteEndObject();
    }
}
