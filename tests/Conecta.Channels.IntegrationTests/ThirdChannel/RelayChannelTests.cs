using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Conecta.Channels.IntegrationTests.ThirdChannel;

/// <summary>
/// The seam proved by a third channel that exists only in tests/ (<see cref="RelayChannel"/>): registered by its own one call
/// beside WhatsApp and Telegram, it gets accounts from the admin API, webhooks through the one inbound pipeline, sessions under
/// its own conversation rules, and sends through the outbound pipeline's checks, limits and provider HTTP setup.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RelayChannelTests(AppFactory app)
{
    [Fact]
    public async Task An_account_is_registered_through_the_admin_api_with_the_channel_s_own_field_rules_default_rate_and_registration()
    {
        using var client = app.Client();
        var id = NewAccountId();
        var turnedDown = NewAccountId();
        app.Relay.Given(Request.Create().WithPath($"/accounts/{id}/webhook")).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));
        app.Relay.Given(Request.Create().WithPath($"/accounts/{turnedDown}/webhook")).RespondWith(Response.Create().WithStatusCode(403));

        using var invalid = await client.PostAsJsonAsync("/api/channel-accounts", Account("Not An Id"));
        using var refused = await client.PostAsJsonAsync("/api/channel-accounts", Account(turnedDown));
        using var created = await client.PostAsJsonAsync("/api/channel-accounts", Account(id));
        var account = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var disabled = await client.PostAsync($"/api/channel-accounts/{account.GetProperty("id").GetGuid()}/disable", null);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("A Relay account id is lowercase letters, digits and '-'.", errors.GetProperty("providerAccountId")[0].GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Null(await app.Services.GetRequiredService<ChannelAccountStore>().FindByProviderIdAsync("relay", turnedDown, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("relay", 5), (account.GetProperty("channel").GetString(), account.GetProperty("rateLimitPerSecond").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(["PUT", "DELETE"], app.Relay.LogEntries.Where(e => e.RequestMessage.Path == $"/accounts/{id}/webhook")
            .OrderBy(e => e.RequestMessage.DateTime).Select(e => e.RequestMessage.Method));
    }

    [Fact]
    public async Task A_webhook_goes_through_the_one_pipeline_to_the_bus_and_the_contact_s_session_and_a_retry_publishes_nothing()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived", "SessionQueued");
        var account = await RegisterAsync();
        var body = Message("r-in-1", "@Maria", "Oi, quero ajuda");
        using var client = app.CreateClient();

        using var forged = await PostAsync(client, account, body, key: "not-the-key");
        using var first = await PostAsync(client, account, body);
        var events = await probe.TakeAsync(expected: 2, only: BusMessage.Of(account));
        using var retry = await PostAsync(client, account, body);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK), (forged.StatusCode, first.StatusCode, retry.StatusCode));
        Assert.Equal(["InboundMessageReceived", "SessionQueued"], events.Select(e => e.MessageType));
        var message = events[0].Message;
        Assert.Equal(("relay", "r-in-1", "maria", "Oi, quero ajuda"), (message.GetProperty("channel").GetString(),
            message.GetProperty("providerMessageId").GetString(), message.GetProperty("contact").GetProperty("contactKey").GetString(),
            message.GetProperty("content").GetProperty("text").GetString()));
        Assert.Equal(("suporte", "maria"), (events[1].Message.GetProperty("team").GetString(), events[1].Message.GetProperty("contactKey").GetString()));
        var conversation = await Conversations.StateAsync(app, account, "@MARIA", "Open");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(SentAt).AddHours(1), conversation.GetProperty("windowEndsAt").GetDateTimeOffset());
        Assert.Empty(await probe.TakeAsync(expected: 1, timeout: TimeSpan.FromSeconds(2), only: BusMessage.Of(account)));
    }

    [Fact]
    public async Task A_message_for_an_account_nobody_registered_is_a_dead_letter_the_same_way_as_every_channel_s()
    {
        var unregistered = NewAccountId();
        var body = Message("r-in-2", "joao", "oi");
        using var client = app.CreateClient();

        using var response = await PostAsync(client, unregistered, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        var (channel, reason) = await db.QuerySingleAsync<(string, string)>(
            "SELECT channel, reason FROM dead_letters WHERE raw_body = @Body", new { Body = Encoding.UTF8.GetBytes(body) });
        Assert.Equal(("relay", $"unroutable: no channel account for relay account {unregistered}"), (channel, reason));
    }

    [Fact]
    public async Task A_send_meets_the_channel_s_checks_then_the_conversation_then_one_limit_per_contact_however_it_is_spelled()
    {
        var account = await RegisterAsync();
        app.Relay.Given(Request.Create().WithPath($"/accounts/{account}/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"r-out-1"}"""));
        await OpenAsync(account, "@Maria");
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var notAfter = DateTimeOffset.UtcNow.AddSeconds(30);
        // Relay carries no media (its check), and a contact with no conversation gets a template first (the conversation's rule):
        // the channel's check is asked first, and a command it refuses takes no slot of the contact's one-an-hour limit.
        var media = new SendMedia(Guid.NewGuid(), account, "maria", "image", Link: "https://example.test/a.png", NotAfter: notAfter);
        var text = new SendText(Guid.NewGuid(), account, "@Maria", "Oi Maria", NotAfter: notAfter);
        var again = new SendText(Guid.NewGuid(), account, " MARIA ", "Mais uma", NotAfter: notAfter);
        var mediaToStranger = new SendMedia(Guid.NewGuid(), account, "joao", "image", Link: "https://example.test/a.png");
        var textToStranger = new SendText(Guid.NewGuid(), account, "joao", "Oi");
        var noHandle = new SendText(Guid.NewGuid(), account, "+55 31 98888-7777", "Oi");

        await app.PublishAsync(media);
        await app.PublishAsync(text);
        await app.PublishAsync(again);
        await app.PublishAsync(mediaToStranger);
        await app.PublishAsync(textToStranger);
        await app.PublishAsync(noHandle);

        var decided = (await outcomes.TakeAsync(expected: 6, only: BusMessage.Of(account)))
            .ToDictionary(m => m.Message.GetProperty("commandId").GetGuid(), m => m.Message.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : "accepted");
        Assert.Equal("InvalidCommand", decided[media.CommandId]);
        Assert.Equal("accepted", decided[text.CommandId]);
        Assert.Equal("RateLimited", decided[again.CommandId]);
        Assert.Equal("InvalidCommand", decided[mediaToStranger.CommandId]);
        Assert.Equal("TemplateRequired", decided[textToStranger.CommandId]);
        Assert.Equal("InvalidNumber", decided[noHandle.CommandId]);
        var sent = Assert.Single(SendsTo(account));
        Assert.Equal("""{"to":"maria","text":"Oi Maria"}""", sent.Body);
        Assert.Equal("Bearer relay-token", sent.Authorization);
    }

    [Fact]
    public async Task An_active_contact_opens_with_the_channel_s_first_message_and_starts_the_session()
    {
        var account = await RegisterAsync();
        app.Relay.Given(Request.Create().WithPath($"/accounts/{account}/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"r-out-2"}"""));
        await using var events = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected", "ActiveContactStarted");
        var start = new StartActiveContact(Guid.NewGuid(), account, "@Ana1", "bruno", "vendas", "boas_vindas", "pt_BR", []);

        await app.PublishAsync(start);

        // The session's event goes out before the command's outcome, as on every channel.
        var published = await events.TakeAsync(expected: 2, only: BusMessage.Of(account));
        Assert.Equal(["ActiveContactStarted", "MessageAccepted"], published.Select(e => e.MessageType));
        Assert.Equal(("bruno", "vendas", "ana1"), (published[0].Message.GetProperty("agentId").GetString(),
            published[0].Message.GetProperty("team").GetString(), published[0].Message.GetProperty("contactKey").GetString()));
        Assert.Equal("""{"to":"ana1","template":"boas_vindas","language":"pt_BR"}""", Assert.Single(SendsTo(account)).Body);
        Assert.Equal("AwaitingReply", (await Conversations.StateAsync(app, account, "ana1", "AwaitingReply")).GetProperty("state").GetString());
    }

    private static readonly long SentAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string NewAccountId() => "relay-" + Guid.NewGuid().ToString("N")[..12];

    private static Dictionary<string, object?> Account(string providerAccountId) => new()
    {
        ["channel"] = "relay",
        ["providerAccountId"] = providerAccountId,
        ["accessToken"] = "relay-token",
    };

    private async Task<string> RegisterAsync()
    {
        var id = NewAccountId();
        var write = await app.Services.GetRequiredService<ChannelAccountStore>().CreateAsync(
            new ChannelAccountInput("relay", id, null, null, "relay-token", null, "suporte", null, null, null), CancellationToken.None);
        Assert.NotNull(write.Account);
        return id;
    }

    /// <summary>The contact writes first: its session opens, and free text may go to it for an hour.</summary>
    private async Task OpenAsync(string account, string from)
    {
        using var client = app.CreateClient();
        using var response = await PostAsync(client, account, Message("r-open-" + Guid.NewGuid().ToString("N"), from, "oi"));
        response.EnsureSuccessStatusCode();
        await Conversations.StateAsync(app, account, from, "Open");
    }

    private static string Message(string id, string from, string text) =>
        $$"""{"id":"{{id}}","from":"{{from}}","text":"{{text}}","sentAt":{{SentAt}}}""";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string account, string body, string key = AppFactory.RelayWebhookKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/relay/{account}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(RelayInbound.KeyHeader, key);
        return await client.SendAsync(request);
    }

    private IReadOnlyList<(string Body, string Authorization)> SendsTo(string account) => app.Relay.LogEntries
        .Where(e => e.RequestMessage.Path == $"/accounts/{account}/messages")
        .Select(e => (e.RequestMessage.Body!, e.RequestMessage.Headers!["Authorization"].ToString()))
        .ToList();
}
