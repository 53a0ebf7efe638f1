using System.Net;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace Conecta.Channels.IntegrationTests.Webhooks;

[Collection(ServersCollection.Name)]
public sealed class WhatsAppWebhookTests(AppFactory app)
{
    private const string StatusBatch = "whatsapp/statuses/pywa-status-delivered.json";
    private const string TextMessage = "whatsapp/messages/pywa-message-text.json";

    [Fact]
    public async Task A_signed_post_yields_its_events_on_a_real_queue_and_the_same_post_again_yields_none()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        var accountId = await RegisteredAccounts.RegisterAsync(app);
        var body = SignedPosts.ForAccount(Fixtures.Read(TextMessage), accountId);
        using var client = app.CreateClient();

        using var first = await SignedPosts.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var delivered = await probe.TakeAsync(expected: 1);

        var message = Assert.Single(delivered);
        Assert.Equal("InboundMessageReceived", message.MessageType);
        Assert.Equal(message.EventId, message.MessageId);
        Assert.Equal(accountId, message.Message.GetProperty("accountId").GetString());
        Assert.Equal("wamid.xyzxyz", message.Message.GetProperty("providerMessageId").GetString());
        Assert.Equal("Body Text", message.Message.GetProperty("content").GetProperty("text").GetString());
        Assert.Equal("972987654321", message.Message.GetProperty("contact").GetProperty("contactKey").GetString());

        using var retry = await SignedPosts.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var marker = await Markers.PostAsync(app, client);
        var after = await probe.TakeUntilAsync(BusMessage.Of(marker), only: BusMessage.Of(accountId));
        Assert.Equal([marker], after.Select(m => m.Message.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task A_text_of_megabytes_arrives_whole_in_its_text_and_its_raw_json()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        var accountId = await RegisteredAccounts.RegisterAsync(app);
        // pt-BR with quotes, a newline and an emoji, \u-escaped as Meta sends it: about 1.9 million characters, which
        // the bus JSON writes in segments (the quotes and the newline must be escaped again, the rest is carried as is).
        var text = string.Concat(Enumerable.Repeat("Olá! Não recebi o \"boleto\" 😀\n", 60_000));
        var body = SignedPosts.ForAccount(Fixtures.Read(TextMessage), accountId)
            .Replace("\"Body Text\"", JsonSerializer.Serialize(text), StringComparison.Ordinal);
        using var client = app.CreateClient();

        using var response = await SignedPosts.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(accountId))).Message;
        Assert.Equal(text, message.GetProperty("content").GetProperty("text").GetString());
        var rawJson = message.GetProperty("rawJson").GetString()!;
        Assert.Contains(rawJson, body, StringComparison.Ordinal); // the message object exactly as received
        using var raw = JsonDocument.Parse(rawJson);
        Assert.Equal(text, raw.RootElement.GetProperty("text").GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_batch_of_several_entries_publishes_every_status_and_message()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived", "MessageStatusChanged");
        var statuses = SignedPosts.ForAccount(Fixtures.Read(StatusBatch), await RegisteredAccounts.RegisterAsync(app));
        var messages = SignedPosts.ForAccount(Fixtures.Read(TextMessage), await RegisteredAccounts.RegisterAsync(app));
        var reads = SignedPosts.ForAccount(Fixtures.Read("whatsapp/statuses/pywa-status-read.json"), await RegisteredAccounts.RegisterAsync(app));
        var body = Batch.OfEntries(statuses, messages, reads);
        using var client = app.CreateClient();

        using var response = await SignedPosts.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivered = await probe.TakeAsync(expected: 3);
        Assert.Equal(3, delivered.Select(m => m.EventId).Distinct().Count());
        Assert.Equal(["InboundMessageReceived", "MessageStatusChanged", "MessageStatusChanged"],
            delivered.Select(m => m.MessageType).Order());
        Assert.Contains(delivered, m => m.MessageType == "MessageStatusChanged" && m.Message.GetProperty("status").GetString() == "read");
    }

    [Fact]
    public async Task A_missing_or_wrong_signature_is_401_without_detail_and_publishes_nothing()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        var account = await RegisteredAccounts.RegisterAsync(app);
        var body = SignedPosts.ForAccount(Fixtures.Read(TextMessage), account);
        using var client = app.CreateClient();

        using var wrongSecret = await SignedPosts.PostAsync(client, body, secret: "not-the-secret");
        using var unsigned = await client.PostAsync("/webhooks/whatsapp", new StringContent(body));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        // A bare ProblemDetails (status and title): nothing tells the caller what was wrong.
        using var problem = JsonDocument.Parse(await wrongSecret.Content.ReadAsStringAsync());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(problem.RootElement.TryGetProperty("detail", out _));
        var marker = await Markers.PostAsync(app, client);
        var after = await probe.TakeUntilAsync(BusMessage.Of(marker), only: BusMessage.Of(account));
        Assert.Equal([marker], after.Select(m => m.Message.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task The_previous_app_secret_still_verifies_during_rotation()
    {
        using var client = app.CreateClient();
        using var response = await SignedPosts.PostAsync(client, SignedPosts.ForAccount(Fixtures.Read(TextMessage), await RegisteredAccounts.RegisterAsync(app)), "it-previous-secret");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("subscribe", AppFactory.VerifyToken, HttpStatusCode.OK)]
    [InlineData("subscribe", "wrong-token", HttpStatusCode.Forbidden)]
    [InlineData("unsubscribe", AppFactory.VerifyToken, HttpStatusCode.Forbidden)]
    public async Task The_verification_handshake_echoes_the_challenge_only_to_a_subscribe_with_our_token(
        string mode, string token, HttpStatusCode expected)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/webhooks/whatsapp?hub.mode={mode}&hub.verify_token={token}&hub.challenge=1158201444");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_poison_payload_is_kept_as_a_dead_letter_in_postgres_and_acknowledged()
    {
        var poison = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + Guid.NewGuid() + "\",\"changes\":[";
        using var client = app.CreateClient();

        using var response = await SignedPosts.PostAsync(client, poison);
        using var again = await SignedPosts.PostAsync(client, poison);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        var rows = (await db.QueryAsync<(string Channel, string Reason, byte[] RawBody)>(
            "SELECT channel, reason, raw_body FROM dead_letters WHERE raw_body = @Body",
            new { Body = System.Text.Encoding.UTF8.GetBytes(poison) })).ToList();
        var row = Assert.Single(rows);
        Assert.Equal("whatsapp", row.Channel);
        Assert.StartsWith("invalid JSON", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_for_an_unregistered_number_is_dead_lettered_as_unroutable_and_acknowledged()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        var unregistered = "5" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = SignedPosts.ForAccount(Fixtures.Read(TextMessage), unregistered);
        using var client = app.CreateClient();

        using var response = await SignedPosts.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var marker = await Markers.PostAsync(app, client);
        var after = await probe.TakeUntilAsync(BusMessage.Of(marker), only: BusMessage.Of(unregistered));
        Assert.Equal([marker], after.Select(m => m.Message.GetProperty("accountId").GetString()));
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        var reason = await db.QuerySingleAsync<string>("SELECT reason FROM dead_letters WHERE raw_body = @Body",
            new { Body = System.Text.Encoding.UTF8.GetBytes(body) });
        Assert.Equal($"unroutable: no channel account for phone_number_id {unregistered}", reason);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        using var client = app.CreateClient();
        var huge = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"pad\":\"" + new string('x', 4 * 1024 * 1024) + "\"}";

        using var response = await SignedPosts.PostAsync(client, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_checks_the_broker_redis_and_postgres()
    {
        using var client = app.CreateClient();
        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");
        using var reader = app.Client(Conecta.Channels.Hosting.AdminTokens.ReaderRole);
        using var devEvents = await reader.GetAsync("/dev/events");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, devEvents.StatusCode);
    }
}
