using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>What a Telegram command must be before the network: to a chat id, replying to a message id, something a bot can do.</summary>
public sealed class TelegramCommandRuleTests
{
    private const string Bot = "7000000001";

    public static TheoryData<string, RejectionReason?> Commands => new()
    {
        { "text to a chat", null },
        { "text to a group", null },
        { "media replying to a message", null },
        { "text to a phone number", RejectionReason.InvalidNumber },
        { "text to a username", RejectionReason.InvalidNumber },
        { "text replying to a wamid", RejectionReason.InvalidCommand },
        { "template", RejectionReason.InvalidCommand },
        { "mark as read", RejectionReason.InvalidCommand },
        { "reply buttons", null },
        { "list", null },
        { "location", null },
        { "one contact", null },
        { "a button id over 64 bytes", RejectionReason.UnsupportedContent },
        { "cta url", RejectionReason.UnsupportedContent },
        { "flow", RejectionReason.UnsupportedContent },
        { "location request", RejectionReason.UnsupportedContent },
        { "reaction", RejectionReason.UnsupportedContent },
        { "two contacts", RejectionReason.UnsupportedContent },
        { "a contact without a phone", RejectionReason.UnsupportedContent },
        { "location replying to a wamid", RejectionReason.InvalidCommand },
    };

    private static OutboundCommand Command(string name) => name switch
    {
        "text to a chat" => OutboundCommand.From(new SendText(Guid.NewGuid(), Bot, "987654321", "oi")),
        "text to a group" => OutboundCommand.From(new SendText(Guid.NewGuid(), Bot, "-1001234567890", "oi")),
        "media replying to a message" => OutboundCommand.From(new SendMedia(Guid.NewGuid(), Bot, "987654321", "image", Link: "https://x.test/a.jpg", ReplyTo: "42")),
        "text to a phone number" => OutboundCommand.From(new SendText(Guid.NewGuid(), Bot, "+55 (31) 98888-7777", "oi")),
        "text to a username" => OutboundCommand.From(new SendText(Guid.NewGuid(), Bot, "@anasouza", "oi")),
        "text replying to a wamid" => OutboundCommand.From(new SendText(Guid.NewGuid(), Bot, "987654321", "oi", ReplyTo: "wamid.HBgL")),
        "template" => OutboundCommand.From(new SendTemplate(Guid.NewGuid(), Bot, "987654321", "boas_vindas", "pt_BR", [])),
        "mark as read" => OutboundCommand.From(new MarkAsRead(Guid.NewGuid(), Bot, "42")),
        "reply buttons" => Interactive("button", buttons: [new ReplyButton("sim", "Sim")]),
        "list" => Interactive("list", sections: [new ListSection(null, [new ListRow("2via", "Segunda via")])]),
        "location" => OutboundCommand.From(new SendLocation(Guid.NewGuid(), Bot, "987654321", -19.9, -43.9)),
        "one contact" => OutboundCommand.From(new SendContacts(Guid.NewGuid(), Bot, "987654321", [Card])),
        // 65 bytes: ç is two in UTF-8.
        "a button id over 64 bytes" => Interactive("button", buttons: [new ReplyButton(new string('ç', 32) + "x", "Sim")]),
        "cta url" => Interactive("cta_url"),
        "flow" => Interactive("flow"),
        "location request" => Interactive("location_request"),
        "reaction" => OutboundCommand.From(new SendReaction(Guid.NewGuid(), Bot, "987654321", "42", "👍")),
        "two contacts" => OutboundCommand.From(new SendContacts(Guid.NewGuid(), Bot, "987654321", [Card, Card])),
        "a contact without a phone" => OutboundCommand.From(new SendContacts(Guid.NewGuid(), Bot, "987654321", [Card with { Phones = [] }])),
        "location replying to a wamid" => OutboundCommand.From(new SendLocation(Guid.NewGuid(), Bot, "987654321", -19.9, -43.9, ReplyTo: "wamid.HBgL")),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static readonly ContactCard Card = new("Ana Souza", [new ContactCardPhone("+5531988887777")]);

    private static OutboundCommand Interactive(string kind, IReadOnlyList<ReplyButton>? buttons = null, IReadOnlyList<ListSection>? sections = null) =>
        OutboundCommand.From(new SendInteractive(Guid.NewGuid(), Bot, "987654321", kind, "Escolha", Buttons: buttons, Sections: sections,
            ListButton: sections is null ? null : "Ver"));

    [Theory]
    [MemberData(nameof(Commands))]
    public void Refuses_what_telegram_cannot_carry(string command, RejectionReason? reason)
    {
        Assert.Equal(reason, TelegramCommandRule.Problem(Command(command))?.Reason);
    }

    /// <summary>The rule is the Telegram channel's check: the pipeline asks it of Telegram accounts' commands, and only of theirs.</summary>
    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Is_the_telegram_channel_s_check(string command, RejectionReason? reason)
    {
        var channel = new TelegramChannel(new BotApiClient(new HttpClient()), new InProcessStartedChats(TimeProvider.System),
            new TelegramMedia(new BotApiClient(new HttpClient()), new BotApiFiles(new HttpClient()), Options.Create(new TelegramOptions())),
            Options.Create(new TelegramOptions()));
        var account = new OutboundAccount(Bot, "telegram", "7000000001:AAH-secret", ApiVersion: null, MessagesPerSecond: 30);

        var checkedCommand = Command(command);

        Assert.Equal(reason, (await channel.CheckAsync(account, checkedCommand, checkedCommand.To is { } to ? channel.ContactKeyOf(to) : null, default))?.Reason);
    }
}
