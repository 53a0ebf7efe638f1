using System.Text.Json.Nodes;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.WhatsApp;

public sealed class WebhookMapperMessagesTests
{
    private const string Folder = "whatsapp/messages/";

    public static TheoryData<string> Rows => new(MessageRows.ByFile.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_recorded_message_has_an_expected_row()
    {
        var files = Fixtures.WhatsAppWebhooks("whatsapp/messages").Select(Path.GetFileName);
        Assert.Empty(files.Except(MessageRows.ByFile.Keys));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Maps_the_message_fields(string file)
    {
        var row = MessageRows.ByFile[file];
        var fixture = Folder + file;
        var value = Mapped.ChangeValue(fixture);
        var original = value["messages"]![0]!;

        var message = Assert.IsType<InboundMessageReceived>(Fixtures.Map(fixture).Events[0].Message);

        Assert.Equal(row.Type, message.Type);
        Assert.Equal(row.Contact, message.Contact);
        Assert.Equal(Mapped.Unix(row.SentAt), message.SentAt);
        // Equivalent, not Equal: contacts and order items are lists, which records compare by reference.
        Assert.Equivalent(row.Content, message.Content, strict: true);
        Assert.Equal(row.Context, message.Context);
        Assert.Equal(row.Referral, message.Referral);
        Assert.Equal(row.Errors ?? [], message.Errors);
        Mapped.AssertSameJson(original, message.RawJson);

        Assert.Equal("whatsapp", message.Channel);
        Assert.Equal((string?)value["metadata"]!["phone_number_id"], message.AccountId);
        Assert.Equal((string?)value["metadata"]!["display_phone_number"], message.BusinessNumber);
        Assert.Equal((string?)Fixtures.Json(fixture)["entry"]![0]!["id"], message.BusinessAccountId);
        Assert.Equal((string?)original["id"], message.ProviderMessageId);
    }

    [Theory]
    [InlineData("pywa-message-unsupported-with-type-and-errors.json", "pool")]
    [InlineData("fb-openapi-unsupported-message.json", null)]
    public void An_unsupported_message_keeps_what_the_provider_said_it_was(string file, string? originalType)
    {
        var message = Mapped.Single<InboundMessageReceived>(Folder + file);

        var raw = JsonNode.Parse(message.RawJson)!;
        Assert.Equal("unsupported", (string?)raw["type"]);
        Assert.Equal(originalType, (string?)raw["unsupported"]?["type"]);
        Assert.Equal(131051, message.Errors[0].Code);
    }

    [Fact]
    public void Change_level_errors_are_published_as_a_notification_beside_the_message()
    {
        const string fixture = Folder + "pywa-message-interactive-with-errors.json";

        var events = Mapped.Events(Fixtures.Map(fixture));

        Assert.Equal(2, events.Count);
        Assert.IsType<InboundMessageReceived>(events[0]);
        var notification = Assert.IsType<ChannelNotificationReceived>(events[1]);
        Assert.Equal("messages", notification.Change);
        Assert.Equal("1122334455667", notification.AccountId);
        Mapped.AssertSameJson(Mapped.ChangeValue(fixture), notification.RawJson);
        Assert.Contains("131000", notification.RawJson, StringComparison.Ordinal);
    }
}
