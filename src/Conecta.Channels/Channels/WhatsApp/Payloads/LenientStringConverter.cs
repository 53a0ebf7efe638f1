using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Channels.WhatsApp.Payloads;

/// <summary>
/// Ids and timestamps arrive as strings from Meta but as numbers in some of its own examples and
/// older webhook versions (message_template_id, entry.time, group wa_id): accept both, keep the digits.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string or a number, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
