using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Hosting;

/// <summary>
/// Writes long strings of bus messages in segments, byte for byte the JSON the default string converter writes.
/// <para>
/// Why: System.Text.Json writes a string that needs any escaping (every <c>RawJson</c> does: it is full of quotes)
/// by renting a scratch buffer of 6 characters per input character, then reserves 3 output bytes per escaped
/// character in one piece. For a 3.5 MB text that is a 64 MiB <c>char[]</c> plus a 16–32 MiB output buffer, both on
/// the large-object heap, for one publish. Under the fault suite's 0.5–3.5 MB texts those temporaries were most of
/// the service's memory (a heap dump at 860 MiB RSS: 1.03 GB of arrays over 1 MB on the heap, 76 MB of them
/// reachable; 545 MB were such scratch <c>char[]</c>s). Written in segments, each segment's scratch is small and the
/// output buffer only grows as far as the JSON itself.
/// </para>
/// </summary>
internal sealed class SegmentedStringConverter : JsonConverter<string>
{
    /// <summary>
    /// Characters per segment: the escaping scratch (6 per character, 2 bytes each) stays under the large-object
    /// threshold (85,000 bytes). Strings this short or shorter go through the default writer unchanged.
    /// </summary>
    internal const int SegmentLength = 4096;

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (value.Length <= SegmentLength)
        {
            writer.WriteStringValue(value);
            return;
        }
        // The writer carries a surrogate pair cut by a segment boundary over to the next segment.
        var rest = value.AsSpan();
        while (rest.Length > SegmentLength)
        {
            writer.WriteStringValueSegment(rest[..SegmentLength], isFinalSegment: false);
            rest = rest[SegmentLength..];
        }
        writer.WriteStringValueSegment(rest, isFinalSegment: true);
    }

    // Dictionary keys (MassTransit's headers) as the default converter reads and writes them.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}
