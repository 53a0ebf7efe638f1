using System.Net;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace Conecta.Channels.IntegrationTests.Telegram;

/// <summary>POST /webhooks/telegram/{bot} against real RabbitMQ, Redis and PostgreSQL.</summary>
[Collection(ServersCollection.Name)]
public sealed class TelegramWebhookTests(AppFactory app)
{
    [Fact]
    public async Task An_update_is_an_event_on_a_real_queue_and_the_same_update_again_is_none()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        var bot = await TelegramBots.RegisterAsync(app);
        var body = TelegramBots.Update("message-text.json");
        using var client = app.CreateClient();

        using var first = await TelegramBots.PostAsync(app, client, bot, body);
        var delivered = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        using var retry = await TelegramBots.PostAsync(app, client, bot, body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        var message = delivered.Message;
        Assert.Equal(delivered.EventId, delivered.MessageId);
        Assert.Equal(("telegram", bot.Id, "text", "42"), (message.GetProperty("channel").GetString(), message.GetProperty("accountId").GetString(),
            message.GetProperty("type").GetString(), message.GetProperty("providerMessageId").GetString()));
        Assert.Equal(TelegramBots.Chat, message.GetProperty("contact").GetProperty("contactKey").GetString());
        Assert.Equal("Quero falar com um atendente", message.GetProperty("content").GetProperty("text").GetString());
        var marker = await Markers.PostAsync(app, client);
        var after = await probe.TakeUntilAsync(BusMessage.Of(marker), only: BusMessage.Of(bot.Id));
        Assert.Equal([marker], after.Select(m => m.Message.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task Every_update_written_from_the_docs_is_published_once_as_its_kind_of_event()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived", "ChannelNotificationReceived");
        var bot = await TelegramBots.RegisterAsync(app);
        var files = TelegramBots.UpdateFiles().ToList();
        using var client = app.CreateClient();

        foreach (var file in files)
        {
            using var response = await TelegramBots.PostAsync(app, client, bot, TelegramBots.Update(file));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {response.StatusCode}");
        }

        var events = await probe.TakeAsync(expected: files.Count, timeout: TimeSpan.FromSeconds(20), only: BusMessage.Of(bot.Id));
        Assert.Equal(files.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(["channel_post", "my_chat_member"], events.Where(e => e.MessageType == "ChannelNotificationReceived")
            .Select(e => e.Message.GetProperty("change").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(files.Count - 2, events.Count(e => e.MessageType == "InboundMessageReceived"));
        Assert.All(events, e => Assert.Equal("telegram", e.Message.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task A_missing_or_wrong_secret_is_401_without_detail_and_publishes_nothing()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        var bot = await TelegramBots.RegisterAsync(app);
        var other = await TelegramBots.RegisterAsync(app);
        var body = TelegramBots.Update("message-text.json");
        using var client = app.CreateClient();

        using var missing = await TelegramBots.PostAsync(client, bot.Id, body, secret: null);
        using var wrong = await TelegramBots.PostAsync(client, bot.Id, body, secret: "not-the-secret");
        using var anotherBots = await TelegramBots.PostAsync(client, bot.Id, body, TelegramBots.SecretOf(app, other.Id));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [missing.StatusCode, wrong.StatusCode, anotherBots.StatusCode]);
        using var problem = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.False(problem.RootElement.TryGetProperty("detail", out _));
        var marker = await Markers.PostAsync(app, client);
        var after = await probe.TakeUntilAsync(BusMessage.Of(marker), only: BusMessage.Of(bot.Id));
        Assert.Equal([marker], after.Select(m => m.Message.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task A_button_press_is_answered_in_the_webhook_s_reply()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        using var client = app.CreateClient();

        using var response = await TelegramBots.PostAsync(app, client, bot, TelegramBots.Update("callback-query.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BotApiFake.Canonical("""{"method":"answerCallbackQuery","callback_query_id":"4382bfdwdsb323b2d9"}"""),
            BotApiFake.Canonical(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_update_for_a_bot_whose_registration_is_not_stored_yet_is_refused_so_telegram_sends_it_again()
    {
        var registering = TestBot.New();
        var update = TelegramBots.Update("message-text.json");
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        using var client = app.CreateClient();

        using var early = await TelegramBots.PostAsync(client, registering.Id, update, TelegramBots.SecretOf(app, registering.Id));
        await TelegramBots.RegisterAsync(app, registering);
        using var again = await TelegramBots.PostAsync(client, registering.Id, update, TelegramBots.SecretOf(app, registering.Id));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (early.StatusCode, again.StatusCode));
        var published = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(registering.Id), expected: 1));
        Assert.Equal("telegram", published.Message.GetProperty("channel").GetString());
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM dead_letters WHERE reason LIKE @bot", new { bot = "%" + registering.Id + "%" }));
    }

    [Fact]
    public async Task An_unreadable_update_is_kept_as_a_dead_letter_and_acknowledged()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var unreadable = "{\"update_id\": " + Random.Shared.Next() + ", \"message\": {";
        using var client = app.CreateClient();

        using var poison = await TelegramBots.PostAsync(app, client, bot, unreadable);

        Assert.Equal(HttpStatusCode.OK, poison.StatusCode);
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        var bodies = (await db.QueryAsync<byte[]>("SELECT raw_body FROM dead_letters WHERE channel = 'telegram' AND reason LIKE 'invalid JSON%'")).ToList();
        Assert.Contains(bodies, b => System.Text.Encoding.UTF8.GetString(b) == unreadable);
    }
}
