using System.Text.Json.Nodes;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>What one update must map to; SentAt null means the receive time (a callback query has no date).</summary>
internal sealed record UpdateRow(string Type, string ProviderMessageId, ContactIdentity Contact, long? SentAt, MessageContent Content,
    MessageContext? Context = null);

/// <summary>Every update payload in Telegram/Updates → the contract's fields, one row per file.</summary>
public sealed class TelegramUpdatesTests
{
    private static readonly ContactIdentity Ana = new("987654321", "987654321", null, null, null, null, "Ana");
    private static readonly ContactIdentity AnaSouza = new("987654321", "987654321", null, null, null, "anasouza", "Ana Souza");

    private static MessageContent Media(string kind, string fileId, string? mime = null, string? caption = null, string? fileName = null,
        bool voice = false, bool animated = false) =>
        new() { Media = new MediaContent(kind, fileId, mime, null, caption, fileName, null, voice, animated) };

    private static readonly Dictionary<string, UpdateRow> Messages = new()
    {
        ["message-text.json"] = new("text", "42", AnaSouza, 1750000000, new() { Text = "Quero falar com um atendente" }),
        ["message-start-command.json"] = new("text", "1", Ana, 1749999000, new() { Text = "/start" }),
        ["message-photo.json"] = new("image", "43", AnaSouza, 1750000060,
            Media("image", "AgACAgEAAxkBAAIBSmb_large", caption: "Nota fiscal do pedido")),
        ["message-video.json"] = new("video", "44", Ana, 1750000120,
            Media("video", "BAACAgEAAxkBAAIBU2video", "video/mp4", "Olha o defeito", "defeito.mp4")),
        ["message-video-note.json"] = new("video", "45", Ana, 1750000180, Media("video", "DQACAgEAAxkBAAIBVnote")),
        ["message-animation.json"] = new("video", "46", Ana, 1750000240,
            Media("video", "CgACAgQAAxkBAAIBWgif", "video/mp4", fileName: "obrigada.mp4", animated: true)),
        ["message-voice.json"] = new("audio", "47", Ana, 1750000300, Media("audio", "AwACAgEAAxkBAAIBXvoice", "audio/ogg", voice: true)),
        ["message-audio.json"] = new("audio", "48", Ana, 1750000360,
            Media("audio", "CQACAgEAAxkBAAIBYaudio", "audio/mpeg", "a música do comercial", "jingle.mp3")),
        ["message-document.json"] = new("document", "49", Ana, 1750000420,
            Media("document", "BQACAgEAAxkBAAIBZdoc", "application/pdf", "Contrato assinado", "contrato.pdf")),
        ["message-sticker.json"] = new("sticker", "50", Ana, 1750000480, Media("sticker", "CAACAgIAAxkBAAIBaWsticker", animated: true)),
        ["message-location.json"] = new("location", "51", Ana, 1750000540,
            new() { Location = new LocationContent(-19.916681, -43.934493, null, null, null) }),
        ["message-venue.json"] = new("location", "52", Ana, 1750000600,
            new() { Location = new LocationContent(-19.932552, -43.938207, "Praça da Liberdade", "Praça da Liberdade, Belo Horizonte - MG", null) }),
        ["message-contact.json"] = new("contacts", "53", Ana, 1750000660,
            new() { Contacts = [new SharedContact("Bruno Lima", [new SharedPhone("+5531988887777", null, null)], [])] }),
        ["message-reply.json"] = new("text", "54", Ana, 1750000720, new() { Text = "É o A-77" },
            new MessageContext("30", "7000000001", false, false, null)),
        ["message-forwarded.json"] = new("text", "55", Ana, 1750000780, new() { Text = "Recebi essa cobrança, é de vocês?" },
            new MessageContext(null, null, true, false, null)),
        ["message-poll.json"] = new("unsupported", "56", Ana, 1750000840, new()),
        ["message-dice.json"] = new("unsupported", "57", Ana, 1750000900, new()),
        // In a group the contact is the chat (replies go there); the provider id is who wrote.
        ["message-group.json"] = new("text", "812", new ContactIdentity("-1001234567890", "555000111", null, null, null, "carla_m", "Carla"),
            1750000960, new() { Text = "Alguém pode ajudar com a entrega?" }),
        // An edit names the message it changed and is dated when it was made.
        ["edited-message.json"] = new("edit", "42", AnaSouza, 1750000030, new() { Text = "Quero falar com uma atendente", TargetMessageId = "42" }),
        ["callback-query.json"] = new("interactive", "4382bfdwdsb323b2d9", AnaSouza, null,
            new() { Reply = new ReplyContent("callback_query", "atendente", "Falar com atendente", null, null) },
            new MessageContext("31", "7000000001", false, false, null)),
        ["callback-query-inline.json"] = new("interactive", "4382bfdwdsb323b2e0",
            new ContactIdentity("987654321", "987654321", null, null, null, "anasouza", "Ana"), null,
            new() { Reply = new ReplyContent("callback_query", "boleto", null, null, null) }),
    };

    private static readonly Dictionary<string, string> Notifications = new()
    {
        ["my-chat-member.json"] = "my_chat_member",
        ["channel-post.json"] = "channel_post",
    };

    public static TheoryData<string> MessageFiles => new(Messages.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> NotificationFiles => new(Notifications.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_update_file_has_an_expected_row()
    {
        Assert.Equal(Updates.Files(), Messages.Keys.Concat(Notifications.Keys).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MessageFiles))]
    public void Maps_the_message_fields(string file)
    {
        var row = Messages[file];
        var body = Updates.Bytes(file);

        var mapped = Updates.Map(file);

        var message = Updates.Single<InboundMessageReceived>(mapped);
        Assert.Equal(row.Type, message.Type);
        Assert.Equal(row.ProviderMessageId, message.ProviderMessageId);
        Assert.Equal(row.Contact, message.Contact);
        Assert.Equal(row.SentAt is { } at ? DateTimeOffset.FromUnixTimeSeconds(at) : Fixtures.ReceivedAt, message.SentAt);
        // Equivalent, not Equal: contacts are lists, which records compare by reference.
        Assert.Equivalent(row.Content, message.Content, strict: true);
        Assert.Equal(row.Context, message.Context);

        Assert.Equal(("telegram", Updates.Bot, null, null), (message.Channel, message.AccountId, message.BusinessAccountId, message.BusinessNumber));
        Assert.Null(message.Referral);
        Assert.Empty(message.Errors);
        // The whole update, exactly as received: the kind of update and every field we do not map stay readable.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(message.RawJson)));
        Assert.Equal(Updates.EventIdOf((long)JsonNode.Parse(body)!["update_id"]!), message.EventId);
        Assert.Equal(message.EventId, mapped.Event!.EventId);
    }

    [Theory]
    [MemberData(nameof(NotificationFiles))]
    public void Other_kinds_of_update_are_published_as_notifications_named_by_their_kind(string file)
    {
        var notification = Updates.Single<ChannelNotificationReceived>(Updates.Map(file));

        Assert.Equal(("telegram", Updates.Bot, Notifications[file]), (notification.Channel, notification.AccountId, notification.Change));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Updates.Bytes(file)), JsonNode.Parse(notification.RawJson)));
    }

    [Theory]
    [InlineData("callback-query.json", "4382bfdwdsb323b2d9")]
    [InlineData("callback-query-inline.json", "4382bfdwdsb323b2e0")]
    [InlineData("message-text.json", null)]
    public void A_button_press_hands_its_query_id_to_the_webhook_s_answer(string file, string? callbackQueryId)
    {
        Assert.Equal(callbackQueryId, Updates.Map(file).CallbackQueryId);
    }

    [Fact]
    public void The_event_id_follows_the_update_id_and_the_bot_not_the_content()
    {
        var first = Updates.MapJson("""{"update_id":9,"message":{"message_id":1,"chat":{"id":5,"type":"private"},"date":1,"text":"a"}}""");
        var sameUpdate = Updates.MapJson("""{"update_id":9,"message":{"message_id":2,"chat":{"id":6,"type":"private"},"date":2,"text":"b"}}""");
        var otherBot = Conecta.Channels.Channels.Telegram.TelegramUpdates.Map(Updates.Bytes("message-text.json"), "7000000002", Fixtures.ReceivedAt);

        Assert.Equal(first.Event!.EventId, sameUpdate.Event!.EventId);
        Assert.Equal(Updates.EventIdOf(9), first.Event.EventId);
        Assert.NotEqual(Updates.Map("message-text.json").Event!.EventId, otherBot.Event!.EventId);
    }
}
