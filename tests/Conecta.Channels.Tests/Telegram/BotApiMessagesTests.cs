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
        { "voice note by file id", "sendVoice", """{"chat_id":987654321,"voice":"AwACAgEAAxkBAAIBXvoice"}""" },
        { "sticker", "sendSticker", """{"chat_id":987654321,"sticker":"CAACAgIAAxkBAAIBaWsticker"}""" },
        // Reply buttons and a list's rows: an inline keyboard, one button a row, the id as callback_data.
        { "reply buttons", "sendMessage", """{"chat_id":987654321,"text":"Entrega\n\nConfirma amanhã?\n\nConecta","reply_markup":{"inline_keyboard":[[{"text":"Sim","callback_data":"entrega-sim"}],[{"text":"Outro dia","callback_data":"entrega-outro"}]]}}""" },
        { "list, replying", "sendMessage", """{"chat_id":987654321,"text":"Escolha:","reply_markup":{"inline_keyboard":[[{"text":"Segunda via","callback_data":"2via"}],[{"text":"Suporte","callback_data":"tecnico"}]]},"reply_parameters":{"message_id":42,"allow_sending_without_reply":true}}""" },
        { "location", "sendLocation", """{"chat_id":987654321,"latitude":-19.9245,"longitude":-43.9352}""" },
        { "venue", "sendVenue", """{"chat_id":987654321,"latitude":-19.9245,"longitude":-43.9352,"title":"Loja Savassi","address":"Av. Getúlio Vargas, 1300"}""" },
        { "typing", "sendChatAction", """{"chat_id":987654321,"action":"typing"}""" },
        { "contact", "sendContact", """{"chat_id":987654321,"phone_number":"+5531988887777","first_name":"Ana"}""" },
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
        "voice note by file id" => OutboundCommand.From(new SendMedia(Id, Bot, "987654321", "audio", MediaId: "AwACAgEAAxkBAAIBXvoice", Voice: true)),
        "sticker" => OutboundCommand.From(new SendMedia(Id, Bot, "987654321", "sticker", MediaId: "CAACAgIAAxkBAAIBaWsticker")),
        "reply buttons" => OutboundCommand.From(new SendInteractive(Id, Bot, "987654321", "button", "Confirma amanhã?", "Entrega", "Conecta",
            [new ReplyButton("entrega-sim", "Sim"), new ReplyButton("entrega-outro", "Outro dia")])),
        "list, replying" => OutboundCommand.From(new SendInteractive(Id, Bot, "987654321", "list", "Escolha:", ListButton: "Ver",
            Sections: [new ListSection("Financeiro", [new ListRow("2via", "Segunda via", "Boleto")]), new ListSection("Outros", [new ListRow("tecnico", "Suporte")])],
            ReplyTo: "42")),
        "location" => OutboundCommand.From(new SendLocation(Id, Bot, "987654321", -19.9245, -43.9352)),
        "typing" => OutboundCommand.From(new ShowTyping(Id, Bot, "987654321")),
        "venue" => OutboundCommand.From(new SendLocation(Id, Bot, "987654321", -19.9245, -43.9352, "Loja Savassi", "Av. Getúlio Vargas, 1300")),
        "contact" => OutboundCommand.From(new SendContacts(Id, Bot, "987654321",
            [new ContactCard("Ana Souza", [new ContactCardPhone("+5531988887777")], FirstName: "Ana")])),
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
