using System.Text.Json.Nodes;
using Conecta.Channels.Channels.WhatsApp.Payloads;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>
/// Meta's recorded messages with one field of a type we do not expect: still delivered, that field absent, its path named, the
/// raw JSON as received (never dead-lettered, so the agent sees the message).
/// </summary>
public sealed class WebhookMapperLenientTests
{
    private const string Image = "whatsapp/messages/fb-openapi-image-message.json";
    private const string Voice = "whatsapp/messages/pywa-message-audio-voice.json";

    [Fact]
    public void An_image_whose_sha256_is_an_object_is_delivered_without_it_and_with_its_raw_json()
    {
        var (body, message) = WithField(Image, "image", "sha256", JsonNode.Parse("""{"algorithm":"sha256"}"""));
        var original = Mapped.Single<InboundMessageReceived>(Image);

        var received = Mapped.SingleFromJson<InboundMessageReceived>(body);

        Assert.Equal(["$.image.sha256"], received.UnreadFields!);
        Assert.Equal(original.Content.Media! with { Sha256 = null }, received.Content.Media);
        Assert.Equal(("image", original.ProviderMessageId, original.Contact, original.SentAt),
            (received.Type, received.ProviderMessageId, received.Contact, received.SentAt));
        Mapped.AssertSameJson(message, received.RawJson);
    }

    [Fact]
    public void A_voice_note_whose_voice_flag_is_a_word_and_whose_mime_type_is_an_array_keeps_the_rest()
    {
        var (once, _) = WithField(Voice, "audio", "voice", JsonValue.Create("sim"));
        var (body, message) = WithField(once, "audio", "mime_type", new JsonArray("audio/ogg"), fromJson: true);
        var original = Mapped.Single<InboundMessageReceived>(Voice);

        var received = Mapped.SingleFromJson<InboundMessageReceived>(body);

        // In the order the message has them.
        Assert.Equal(["$.audio.mime_type", "$.audio.voice"], received.UnreadFields!);
        Assert.Equal(original.Content.Media! with { Voice = false, MimeType = null }, received.Content.Media);
        Mapped.AssertSameJson(message, received.RawJson);
    }

    [Fact]
    public void A_message_that_reads_whole_names_no_unread_field()
    {
        Assert.Null(Mapped.Single<InboundMessageReceived>(Image).UnreadFields);
    }

    [Fact]
    public void A_message_that_is_no_object_is_still_a_problem()
    {
        var mapped = Mapped.Body(Synthetic.Webhook(Synthetic.MessagesChange(Synthetic.MessagesValue("[\"text\"]"))));

        Assert.Contains("message 0", Assert.Single(mapped.Problems), StringComparison.Ordinal);
        Assert.Empty(mapped.Events);
    }

    [Theory]
    [InlineData("$.image.sha256", """{"image":{"id":"1"}}""")]
    [InlineData("$.contacts[0].phones[1]", """{"contacts":[{"phones":[{"phone":"1"},null]}]}""")]
    [InlineData("$['odd.key']", """{}""")]
    public void A_system_text_json_path_names_the_field_removed(string path, string expected)
    {
        var node = JsonNode.Parse("""{"image":{"id":"1","sha256":{}},"contacts":[{"phones":[{"phone":"1"},{"phone":{}}]}],"odd.key":1}""")!;
        var before = node.DeepClone();

        Assert.True(LenientMessageReader.Remove(node, path));
        var untouched = ((JsonObject)before).Where(p => !JsonNode.DeepEquals(p.Value, node[p.Key])).Select(p => p.Key).ToList();

        Assert.Single(untouched);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected)![untouched[0]], node[untouched[0]]));
    }

    /// <summary>The fixture with its first message's field set to <paramref name="value"/>: the whole body, and the message alone.</summary>
    private static (string Body, JsonNode Message) WithField(string fixtureOrJson, string member, string field, JsonNode? value, bool fromJson = false)
    {
        var root = fromJson ? JsonNode.Parse(fixtureOrJson)! : Fixtures.Json(fixtureOrJson);
        var message = root["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!;
        message[member]![field] = value;
        return (root.ToJsonString(), message.DeepClone());
    }
}
