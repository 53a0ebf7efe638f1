using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Hosting;

namespace Conecta.Channels.Tests.Hosting;

public sealed class SegmentedStringConverterTests
{
    private const int Segment = SegmentedStringConverter.SegmentLength;

    // MassTransit's own serializer settings (SystemTextJsonMessageSerializer.Options), without and with the converter.
    private static readonly JsonSerializerOptions Default = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Segmented = new(Default) { Converters = { new SegmentedStringConverter() } };

    public static TheoryData<string, string> Texts => new()
    {
        { "short, with quotes", "oi \"você\"" },
        { "exactly one segment", new string('a', Segment) },
        { "one character over", new string('a', Segment) + "\"" },
        { "pt-BR with newlines, quotes and backslashes", Repeat("Olá, não consigo \"entrar\" na conta.\nC:\\pasta\tção ", 3 * Segment) },
        { "an emoji cut by the segment boundary", new string('a', Segment - 1) + "😀" + new string('b', Segment) },
        { "a lone surrogate at the boundary", new string('a', Segment - 1) + "\ud83d" + new string('b', 10) },
        { "control characters and NUL", Repeat("\u0001\u0000\u001f<>&'+", 2 * Segment + 7) },
        { "megabytes of raw JSON", Repeat("{\"text\":{\"body\":\"Boa tarde! ç ã é\"}},", 1_200_000) },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Writes_the_same_bytes_as_the_default_converter_and_reads_back_the_same_text(string what, string text)
    {
        var message = Inbound(text, rawJson: "{\"text\":{\"body\":" + JsonSerializer.Serialize(text) + "}}");

        var expected = JsonSerializer.SerializeToUtf8Bytes(message, Default);
        var written = JsonSerializer.SerializeToUtf8Bytes(message, Segmented);

        Assert.True(expected.AsSpan().SequenceEqual(written), what);
        var read = JsonSerializer.Deserialize<InboundMessageReceived>(written, Segmented)!;
        Assert.Equal(message.Content.Text, read.Content.Text);
        Assert.Equal(message.RawJson, read.RawJson);
        Assert.Equal(message.Contact.Name, read.Contact.Name);
    }

    [Fact]
    public void Dictionary_keys_and_nulls_are_written_as_the_default_converter_writes_them()
    {
        var headers = new Dictionary<string, object?> { ["Content-Type"] = "application/json", ["x-\"quoted\""] = null, ["MT-Reason"] = "fault" };

        var written = JsonSerializer.Serialize(headers, Segmented);

        Assert.Equal(JsonSerializer.Serialize(headers, Default), written);
        Assert.Equal(headers, JsonSerializer.Deserialize<Dictionary<string, string?>>(written, Segmented)!.ToDictionary(p => p.Key, p => (object?)p.Value));
    }

    [Fact]
    public void A_text_of_megabytes_is_written_without_scratch_buffers_many_times_its_size()
    {
        // Quotes in the first characters: the default writer then rents 6 characters of scratch per character
        // (a 16M-char array, 32 MiB, for this 2M-char text) and reserves 3 output bytes per character in one piece.
        var text = "\"" + new string('x', 2_000_000);
        var message = Inbound(text, rawJson: "{}");
        JsonSerializer.SerializeToUtf8Bytes(Inbound("warm-up", "{}"), Segmented);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var written = JsonSerializer.SerializeToUtf8Bytes(message, Segmented);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The result itself plus the output buffer doubling up to it (pooled, possibly fresh): at most 4 times the JSON.
        Assert.InRange(allocated, written.Length, 4L * written.Length);
    }

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length) text.Append(unit);
        return text.ToString(0, length);
    }

    private static InboundMessageReceived Inbound(string text, string rawJson) => new(
        Guid.NewGuid(), "whatsapp", "1550000001", "20155", "5531900000000", "wamid.1",
        new ContactIdentity("5531988887777", "5531988887777", "5531988887777", null, null, null, text[..Math.Min(text.Length, 50)]),
        DateTimeOffset.FromUnixTimeSeconds(1_760_000_000), "text", new MessageContent { Text = text }, null, null, [], rawJson);
}
