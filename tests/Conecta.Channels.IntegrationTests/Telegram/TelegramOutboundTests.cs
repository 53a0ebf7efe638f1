using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Telegram;

/// <summary>Commands over real RabbitMQ and Redis to the WireMock Bot API; outcomes read back from a real queue.</summary>
[Collection(ServersCollection.Name)]
public sealed class TelegramOutboundTests(AppFactory app)
{
    private const string Chat = TelegramBots.Chat;

    [Fact]
    public async Task A_text_sends_the_exact_sendMessage_json_and_publishes_message_accepted()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", 200, BotApiFake.Sent(100));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var command = new SendText(Guid.NewGuid(), bot.Id, Chat, "Olá, Ana! Seu pedido saiu.", ReplyTo: "42");

        await app.PublishAsync(command);

        var outcome = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        Assert.Equal("MessageAccepted", outcome.MessageType);
        Assert.Equal((command.CommandId, "telegram", "100", Chat), (outcome.Message.GetProperty("commandId").GetGuid(),
            outcome.Message.GetProperty("channel").GetString(), outcome.Message.GetProperty("providerMessageId").GetString(),
            outcome.Message.GetProperty("providerContactId").GetString()));
        Assert.Equal(BotApiFake.Canonical($$$"""
            {"chat_id":{{{Chat}}},"text":"Olá, Ana! Seu pedido saiu.","link_preview_options":{"is_disabled":true},
             "reply_parameters":{"message_id":42,"allow_sending_without_reply":true}}
            """), BotApiFake.Canonical(Assert.Single(api.Calls("sendMessage"))));
    }

    [Fact]
    public async Task Reply_buttons_go_as_an_inline_keyboard_and_typing_as_a_chat_action_shown_once_in_its_5_s()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot)
            .Always("sendMessage", 200, BotApiFake.Sent(102))
            .Always("sendChatAction", 200, """{"ok":true,"result":true}""");
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var buttons = new SendInteractive(Guid.NewGuid(), bot.Id, Chat, "button", "Confirma a entrega?",
            Buttons: [new ReplyButton("entrega-sim", "Sim"), new ReplyButton("entrega-nao", "Não")]);
        var typing = new ShowTyping(Guid.NewGuid(), bot.Id, Chat);
        var again = new ShowTyping(Guid.NewGuid(), bot.Id, Chat);

        await app.PublishAsync(buttons);
        var first = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        await app.PublishAsync(typing);
        var shown = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        await app.PublishAsync(again);
        var repeated = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));

        Assert.Equal(("MessageAccepted", "102"), (first.MessageType, first.Message.GetProperty("providerMessageId").GetString()));
        Assert.Equal(BotApiFake.Canonical($$$"""
            {"chat_id":{{{Chat}}},"text":"Confirma a entrega?","reply_markup":{"inline_keyboard":[
              [{"text":"Sim","callback_data":"entrega-sim"}],[{"text":"Não","callback_data":"entrega-nao"}]]}}
            """), BotApiFake.Canonical(Assert.Single(api.Calls("sendMessage"))));
        Assert.Equal((typing.CommandId, "MessageAccepted"), (shown.Message.GetProperty("commandId").GetGuid(), shown.MessageType));
        Assert.Equal(BotApiFake.Canonical($$$"""{"chat_id":{{{Chat}}},"action":"typing"}"""), BotApiFake.Canonical(Assert.Single(api.Calls("sendChatAction"))));
        Assert.Equal((again.CommandId, "RateLimited", true), (repeated.Message.GetProperty("commandId").GetGuid(),
            repeated.Message.GetProperty("reason").GetString(), repeated.Message.GetProperty("retryable").GetBoolean()));
    }

    [Fact]
    public async Task Flood_control_is_waited_out_for_retry_after_and_then_accepted()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot)
            .Then("sendMessage", 429, BotApiFake.Error(429, "Too Many Requests: retry after 1", retryAfter: 1))
            .Then("sendMessage", 200, BotApiFake.Sent(101));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, Chat, "oi"));

        var accepted = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        Assert.Equal(("MessageAccepted", "101"), (accepted.MessageType, accepted.Message.GetProperty("providerMessageId").GetString()));
        var times = api.CallTimes("sendMessage");
        Assert.Equal(2, times.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), $"retried after {times[1] - times[0]}");
    }

    [Fact]
    public async Task A_flood_wait_longer_than_the_service_holds_a_command_is_rejected_retryable_at_once()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", 429, BotApiFake.Error(429, "Too Many Requests: retry after 30", retryAfter: 30));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, Chat, "oi"));

        var rejected = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id))).Message;
        Assert.Equal(("RateLimited", true, 429), (rejected.GetProperty("reason").GetString(), rejected.GetProperty("retryable").GetBoolean(),
            rejected.GetProperty("providerCode").GetInt32()));
        Assert.Contains("30 s", rejected.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(api.Calls("sendMessage"));
    }

    [Theory]
    [InlineData(403, "Forbidden: bot was blocked by the user", "Undeliverable")]
    [InlineData(403, "Forbidden: bot can't initiate conversation with a user", "ContactNotStarted")]
    [InlineData(400, "Bad Request: chat not found", "Undeliverable")]
    [InlineData(401, "Unauthorized", "NotAuthorized")]
    public async Task A_refusal_is_one_request_and_a_non_retryable_typed_rejection(int code, string description, string reason)
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", code, BotApiFake.Error(code, description));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, Chat, "oi"));

        var rejected = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        Assert.Equal("MessageRejected", rejected.MessageType);
        Assert.Equal((reason, false, code, description), (rejected.Message.GetProperty("reason").GetString(),
            rejected.Message.GetProperty("retryable").GetBoolean(), rejected.Message.GetProperty("providerCode").GetInt32(),
            rejected.Message.GetProperty("providerTitle").GetString()));
        Assert.Single(api.Calls("sendMessage"));
    }

    [Fact]
    public async Task A_group_upgraded_to_a_supergroup_is_refused_with_the_chat_id_to_send_to()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        const string group = "-4012345678";
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", 400,
            """{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001987654321}}""");
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, group, "oi, grupo"));

        var rejected = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id))).Message;
        Assert.Equal(("Undeliverable", false, 400), (rejected.GetProperty("reason").GetString(), rejected.GetProperty("retryable").GetBoolean(),
            rejected.GetProperty("providerCode").GetInt32()));
        Assert.Equal("The group is now the supergroup -1001987654321: send to that chat id.", rejected.GetProperty("detail").GetString());
        Assert.Single(api.Calls("sendMessage"));
    }

    [Fact]
    public async Task What_telegram_cannot_carry_is_refused_before_any_request()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot);
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var template = new SendTemplate(Guid.NewGuid(), bot.Id, Chat, "boas_vindas", "pt_BR", []);
        var toPhone = new SendText(Guid.NewGuid(), bot.Id, "+55 (31) 98888-7777", "oi");

        await app.PublishAsync(template);
        await app.PublishAsync(toPhone);

        var rejected = await outcomes.TakeAsync(expected: 2, only: BusMessage.Of(bot.Id));
        Assert.Equal([(template.CommandId, "InvalidCommand"), (toPhone.CommandId, "InvalidNumber")],
            rejected.Select(m => (m.Message.GetProperty("commandId").GetGuid(), m.Message.GetProperty("reason").GetString()))
                .OrderBy(r => r.Item2, StringComparer.Ordinal));
        Assert.Equal(0, api.AllCalls());
    }

    [Fact]
    public async Task Texts_to_one_chat_go_at_most_one_a_second()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", 200, BotApiFake.Sent(102));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, Chat, "um"));
        await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, Chat, "dois"));
        await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, Chat, "três"));

        var accepted = await outcomes.TakeAsync(expected: 3, only: BusMessage.Of(bot.Id));
        Assert.All(accepted, m => Assert.Equal("MessageAccepted", m.MessageType));
        var times = api.CallTimes("sendMessage");
        Assert.Equal(3, times.Count);
        // The limiter records each send at the moment it may go; the fake sees them a little later, never closer together.
        Assert.True(times[2] - times[0] >= TimeSpan.FromMilliseconds(1800), $"three sends in {times[2] - times[0]}");
        Assert.Equal(["um", "dois", "três"], api.Calls("sendMessage").Select(c => c.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Texts_to_one_group_go_at_most_20_a_minute_spaced_1_5_s()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        const string group = "-1001234567890";
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", 200, BotApiFake.Sent(103, group));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        foreach (var text in new[] { "um", "dois", "três" }) await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, group, text));

        var accepted = await outcomes.TakeAsync(expected: 3, only: BusMessage.Of(bot.Id));
        Assert.All(accepted, m => Assert.Equal("MessageAccepted", m.MessageType));
        var times = api.CallTimes("sendMessage");
        Assert.Equal(3, times.Count);
        // Half the even spacing of 20 a minute: 1.5 s between sends, where a private chat's would be 1 s (the margin
        // is for slots booked a little ahead and the first send's slower way to the fake).
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(1250), $"second send after {times[1] - times[0]}");
        Assert.True(times[2] - times[0] >= TimeSpan.FromMilliseconds(2600), $"three sends in {times[2] - times[0]}");
    }
}
