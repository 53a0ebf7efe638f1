using System.Text.Json;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>Every command Telegram can carry → the Bot API method and its exact JSON body.</summary>
public sealed class BotApiMessagesTests
{
    private const string Bot = "7000000001";
    private static readonly Guid Id = Guid.Parse("0195f2a0-0000-7000-8000-000000000001");

    public static TheoryData<string, string, string> Commands => new()
    {
        { "text", "sendMessage", """{"chat_id":987654321,"text":"Olá, Ana!","link_preview_options":{"is_disabled":true}}""" },
        { "text with preview, replying", "sendMessage", """{"chat_id":987654321,"text":"Veja https://example.com","reply_parameters":{"message_id":42,"allow_sending_without_reply":true}}""" },
        { "text to a group", "sendMessage", """{"chat_id":-1001234567890,"text":"Bom dia","link_preview_options":{"is_disabled":true}}""" },
        { "image by link", "sendPhoto", """{"chat_id":987654321,"photo":"https://cdn.example.com/nota.jpg","caption":"Sua nota"}""" },
        { "video by file id", "sendVideo", """{"chat_id":987654321,"video":"BAACAgEAAxkBAAIBU2video"}""" },
        { "audio", "sendAudio", """{"chat_id":987654321,"audio":"https://cdn.example.com/a.mp3"}""" },
        { "document, replying", "sendDocument", """{"chat_id":987654321,"document":"https://cdn.example.com/boleto.pdf","caption":"Boleto","reply_parameters":{"message_id":49,"allow_sending_without_reply":true}}""" },
        { "sticker", "sendSticker", """{"chat_id":987654321,"sticker":"CAACAgIAAxkBAAIBaWsticker"}""" },
    };

    private static OutboundCommand Command(string name) => name switch
    {
        "text" => OutboundCommand.From(new SendText(Id, Bot, "987654321", "Olá, Ana!")),
        "text with preview, replying" => OutboundCommand.From(new SendText(Id, Bot, "987654321", "Veja https://example.com", PreviewUrl: true, ReplyTo: "42")),
        "text to a group" => OutboundCommand.From(new SendText(Id, Bot, "-1001234567890", "Bom dia")),
        "image by link" => OutboundCommand.From(new SendMedia(Id, Bot, "987654321", "image", Link: "https://cdn.example.com/nota.jpg", Caption: "Sua nota")),
        "video by file id" => OutboundCommand.From(new SendMedia(Id, Bot, "987654321", "video", MediaId: "BAACAgEAAxkBAAIBU2video")),
        "audio" => OutboundCommand.From(new SendMedia(Id, Bot, "987654321", "audio", Link: "https://cdn.example.com/a.mp3")),
        "document, replying" => OutboundCommand.From(new SendMedia(Id, Bot, "987654321", "document", Link: "https://cdn.example.com/boleto.pdf",
            Caption: "Boleto", FileName: "boleto.pdf", ReplyTo: "49")),
        "sticker" => OutboundCommand.From(new SendMedia(Id, Bot, "987654321", "sticker", MediaId: "CAACAgIAAxkBAAIBaWsticker")),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_command_becomes_its_method_and_exact_json(string command, string method, string json)
    {
        var call = BotApiMessages.For(Command(command));

        Assert.Equal(method, call.Method);
        // Both written by the same serializer, so the text compares member order and values, not how "á" is escaped.
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement), JsonSerializer.Serialize(call.Body, BotApiJsonContext.Default.BotSend));
    }
}
