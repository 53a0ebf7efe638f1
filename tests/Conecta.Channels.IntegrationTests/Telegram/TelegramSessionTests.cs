using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Telegram;

/// <summary>The shared conversation rules under Telegram's policy, through RabbitMQ, Redis and the WireMock Bot API.</summary>
[Collection(ServersCollection.Name)]
public sealed class TelegramSessionTests(AppFactory app)
{
    private const string Chat = TelegramBots.Chat;

    private static StartActiveContact Start(TestBot bot, string agent = "ana") =>
        new(Guid.NewGuid(), bot.Id, Chat, agent, "vendas", TemplateName: "", Language: "", Components: [], Text: "Olá, Ana! Aqui é a Conecta.");

    [Fact]
    public async Task Starting_a_chat_that_never_wrote_to_the_bot_is_refused_contact_not_started_before_any_request()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", 200, BotApiFake.Sent(200));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected", "ActiveContactStarted");
        var start = Start(bot);

        await app.PublishAsync(start);

        var rejected = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        Assert.Equal(("MessageRejected", start.CommandId, "ContactNotStarted", "telegram", false),
            (rejected.MessageType, rejected.Message.GetProperty("commandId").GetGuid(), rejected.Message.GetProperty("reason").GetString(),
             rejected.Message.GetProperty("channel").GetString(), rejected.Message.GetProperty("retryable").GetBoolean()));
        Assert.Equal(0, api.AllCalls());
    }

    [Fact]
    public async Task A_refused_start_sent_again_after_the_contact_wrote_gets_the_same_rejection_not_a_send()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", 200, BotApiFake.Sent(201));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        using var client = app.CreateClient();
        var start = Start(bot);

        await app.PublishAsync(start);
        var refused = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        (await TelegramBots.PostAsync(app, client, bot, TelegramBots.Text(1, 10, "oi"))).EnsureSuccessStatusCode();
        await app.PublishAsync(new EndSession(Guid.NewGuid(), bot.Id, Chat));
        await app.PublishAsync(start);
        var again = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));

        // One CommandId, one outcome: a consumer deduplicating by EventId would otherwise drop an acceptance.
        Assert.Equal(("MessageRejected", "ContactNotStarted"), (again.MessageType, again.Message.GetProperty("reason").GetString()));
        Assert.Equal(refused.EventId, again.EventId);
        Assert.Equal(0, api.AllCalls());
    }

    [Fact]
    public async Task A_chat_that_wrote_is_started_the_agent_may_type_at_once_and_the_reply_queues_it_without_a_window()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot).Always("sendMessage", 200, BotApiFake.Sent(200));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected", "ActiveContactStarted", "TypingUnlocked",
            "SessionQueued", "SessionClosed");
        using var client = app.CreateClient();

        // The contact wrote once (the conversation went to the default team and was closed): the bot may write now.
        (await TelegramBots.PostAsync(app, client, bot, TelegramBots.Text(1, 10, "oi"))).EnsureSuccessStatusCode();
        var first = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        await app.PublishAsync(new EndSession(Guid.NewGuid(), bot.Id, Chat));
        Assert.Equal("SessionClosed", Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id))).MessageType);
        var start = Start(bot);
        await app.PublishAsync(start);
        var started = await probe.TakeAsync(expected: 2, only: BusMessage.Of(bot.Id));
        await app.PublishAsync(new SendText(Guid.NewGuid(), bot.Id, Chat, "Podemos falar sobre seu pedido?"));
        var typed = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        (await TelegramBots.PostAsync(app, client, bot, TelegramBots.Text(2, 11, "claro"))).EnsureSuccessStatusCode();
        var replied = await probe.TakeAsync(expected: 1, settle: TimeSpan.FromSeconds(2), only: BusMessage.Of(bot.Id));

        Assert.Equal(("SessionQueued", "suporte"), (first.MessageType, first.Message.GetProperty("team").GetString()));
        Assert.Equal(["ActiveContactStarted", "MessageAccepted"], started.Select(m => m.MessageType).Order(StringComparer.Ordinal));
        Assert.Equal("MessageAccepted", typed.MessageType);
        // No TypingUnlocked: typing was never locked. The reply joins the team and agent of the start; there is no window to end.
        var queued = Assert.Single(replied);
        Assert.Equal(("SessionQueued", "vendas", "ana", "claro", Chat), (queued.MessageType, queued.Message.GetProperty("team").GetString(),
            queued.Message.GetProperty("agentId").GetString(), queued.Message.GetProperty("firstMessageText").GetString(),
            queued.Message.GetProperty("contactKey").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, queued.Message.GetProperty("windowEndsAt").ValueKind);
        Assert.Equal(started.Single(m => m.MessageType == "ActiveContactStarted").Message.GetProperty("sessionId").GetGuid(),
            queued.Message.GetProperty("sessionId").GetGuid());
        Assert.Equal(["Olá, Ana! Aqui é a Conecta.", "Podemos falar sobre seu pedido?"],
            api.Calls("sendMessage").Select(c => c.GetProperty("text").GetString()));
    }
}
