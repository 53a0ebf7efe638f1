using System.Text.Json;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WireMock.ResponseBuilders;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>Commands over real RabbitMQ to the WireMock Graph API; outcomes read back from a real queue.</summary>
[Collection(ServersCollection.Name)]
public sealed class OutboundSendTests(AppFactory app)
{
    private const string Contact = "5531988887777";

    [Fact]
    public async Task A_text_command_sends_the_exact_graph_json_and_publishes_message_accepted()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.OK1", "553188887777")));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var command = new SendText(Guid.NewGuid(), account, "+55 (31) 98888-7777", "Olá, tudo bem?", ReplyTo: "wamid.IN1");

        await app.PublishAsync(command);

        var outcome = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        Assert.Equal("MessageAccepted", outcome.MessageType);
        Assert.Equal(command.CommandId, outcome.Message.GetProperty("commandId").GetGuid());
        Assert.Equal("wamid.OK1", outcome.Message.GetProperty("providerMessageId").GetString());
        Assert.Equal("553188887777", outcome.Message.GetProperty("providerContactId").GetString());
        var sent = Assert.Single(graph.Sends());
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse($$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"text",
             "text":{"body":"Olá, tudo bem?","preview_url":false},"context":{"message_id":"wamid.IN1"},
             "biz_opaque_callback_data":"{{command.CommandId}}"}
            """).RootElement), JsonSerializer.Serialize(sent));
        Assert.Equal("Bearer " + RegisteredAccounts.AccessToken, Assert.Single(graph.AuthorizationHeaders()));
    }

    [Fact]
    public async Task A_status_without_callback_data_is_correlated_to_its_command_through_the_ledger()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var wamid = "wamid.CORR." + Guid.NewGuid().ToString("N");
        new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted(wamid, Contact)));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageStatusChanged");
        var command = new SendText(Guid.NewGuid(), account, Contact, "correlacionada");

        await app.PublishAsync(command);
        Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        var status = Fixtures.Read("whatsapp/statuses/pywa-status-delivered.json").Replace("wamid.xyzxyz", wamid, StringComparison.Ordinal);
        using var client = app.CreateClient();
        (await SignedPosts.PostAsync(client, SignedPosts.ForAccount(status, account))).EnsureSuccessStatusCode();

        var delivered = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        Assert.Equal("delivered", delivered.Message.GetProperty("status").GetString());
        Assert.Equal(command.CommandId, delivered.Message.GetProperty("commandId").GetGuid());
    }

    [Fact]
    public async Task A_delivered_that_arrives_after_its_read_is_published_flagged_superseded()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var wamid = "wamid.ORDER." + Guid.NewGuid().ToString("N");
        new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted(wamid, Contact)));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageStatusChanged");
        var command = new SendText(Guid.NewGuid(), account, Contact, "em ordem");

        await app.PublishAsync(command);
        Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        using var client = app.CreateClient();
        foreach (var fixture in new[] { "whatsapp/statuses/pywa-status-read.json", "whatsapp/statuses/pywa-status-delivered.json" })
        {
            var status = Fixtures.Read(fixture).Replace("wamid.xyzxyz", wamid, StringComparison.Ordinal);
            (await SignedPosts.PostAsync(client, SignedPosts.ForAccount(status, account))).EnsureSuccessStatusCode();
        }

        var statuses = (await probe.TakeAsync(only: BusMessage.Of(account), expected: 2))
            .ToDictionary(m => m.Message.GetProperty("status").GetString()!, m => m.Message);
        Assert.False(statuses["read"].GetProperty("superseded").GetBoolean());
        Assert.True(statuses["delivered"].GetProperty("superseded").GetBoolean());
        Assert.Equal(command.CommandId, statuses["delivered"].GetProperty("commandId").GetGuid());
    }

    [Fact]
    public async Task Typing_marks_the_message_read_with_meta_s_typing_indicator_once_in_25_s_and_needs_the_message_id()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody("""{"success":true}"""));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var typing = new ShowTyping(Guid.NewGuid(), account, Contact, "wamid.IN.TYPING");
        var again = new ShowTyping(Guid.NewGuid(), account, "+55 31 98888-7777", "wamid.IN.TYPING");
        var withoutMessage = new ShowTyping(Guid.NewGuid(), account, Contact);

        await app.PublishAsync(typing);
        var shown = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await app.PublishAsync(again);
        await app.PublishAsync(withoutMessage);
        var refused = (await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 2)).ToDictionary(m => m.Message.GetProperty("commandId").GetGuid());

        Assert.Equal(("MessageAccepted", "wamid.IN.TYPING"), (shown.MessageType, shown.Message.GetProperty("providerMessageId").GetString()));
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse("""
            {"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN.TYPING","typing_indicator":{"type":"text"}}
            """).RootElement), JsonSerializer.Serialize(Assert.Single(graph.Sends())));
        // Another spelling of the same contact, inside Meta's 25 s: nothing goes out.
        Assert.Equal(("RateLimited", true), (refused[again.CommandId].Message.GetProperty("reason").GetString(),
            refused[again.CommandId].Message.GetProperty("retryable").GetBoolean()));
        Assert.Equal("InvalidCommand", refused[withoutMessage.CommandId].Message.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_redelivered_command_is_sent_once_and_its_same_outcome_published_again()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.ONCE", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var command = new SendText(Guid.NewGuid(), account, Contact, "só uma vez");

        await app.PublishAsync(command);
        var first = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await app.PublishAsync(command);
        var second = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Single(graph.Sends());
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.Message.GetProperty("providerMessageId").GetString(), second.Message.GetProperty("providerMessageId").GetString());
    }

    [Theory]
    [InlineData(400, 131047, "WindowClosed")]
    [InlineData(400, 131026, "Undeliverable")]
    [InlineData(400, 100, "ChannelError")]
    [InlineData(401, 190, "NotAuthorized")]
    [InlineData(404, 132001, "TemplateNotApproved")]
    public async Task A_non_retryable_graph_error_is_one_request_and_a_typed_rejection(int status, int code, string reason)
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(status).WithBody(GraphFake.Error(code)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "oi"));

        var rejected = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        Assert.Equal("MessageRejected", rejected.MessageType);
        Assert.Equal(reason, rejected.Message.GetProperty("reason").GetString());
        Assert.Equal(code, rejected.Message.GetProperty("providerCode").GetInt32());
        Assert.False(rejected.Message.GetProperty("retryable").GetBoolean());
        Assert.Single(graph.Sends());
    }

    [Fact]
    public async Task Throttling_with_retry_after_is_retried_after_the_wait_and_succeeds()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account)
            .Then(r => r.WithStatusCode(429).WithHeader("Retry-After", "1").WithBody(GraphFake.Error(130429, "throughput")))
            .Then(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.AFTER", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "oi"));

        Assert.Equal("MessageAccepted", Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1)).MessageType);
        var times = graph.SendTimes();
        Assert.Equal(2, times.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), $"retried after {times[1] - times[0]}");
    }

    [Fact]
    public async Task Server_errors_then_success_end_accepted_after_three_requests()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account)
            .Then(r => r.WithStatusCode(500).WithBody(GraphFake.Error(131000)))
            .Then(r => r.WithStatusCode(503).WithBody("upstream unavailable"))
            .Then(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.THIRD", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "oi"));

        var accepted = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        Assert.Equal("wamid.THIRD", accepted.Message.GetProperty("providerMessageId").GetString());
        Assert.Equal(3, graph.Sends().Count);
    }

    [Fact]
    public async Task A_timeout_and_a_connection_reset_after_sending_are_retried()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account)
            // Status line sent, then garbage and a closed connection: the request did reach "Meta".
            .Then(r => r.WithFault(FaultType.MALFORMED_RESPONSE_CHUNK))
            // Answers just after the 2 s attempt timeout: the client has given up and retries.
            .Then(r => r.WithDelay(TimeSpan.FromMilliseconds(2020)).WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.LATE", Contact)))
            .Then(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.FINAL", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "oi"));

        var accepted = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1, timeout: TimeSpan.FromSeconds(20)));
        Assert.Equal("wamid.FINAL", accepted.Message.GetProperty("providerMessageId").GetString());
        // WireMock moves to its next answer only once the delayed one is written, so the timed-out
        // answer may be served to one more attempt: three or four requests, never one.
        Assert.InRange(graph.Sends().Count, 3, 4);
    }

    [Fact]
    public async Task Persistent_server_errors_end_in_one_retryable_rejection()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(500).WithBody(GraphFake.Error(131000)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "oi"));

        var rejected = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1, timeout: TimeSpan.FromSeconds(20)));
        Assert.Equal("ChannelError", rejected.Message.GetProperty("reason").GetString());
        Assert.True(rejected.Message.GetProperty("retryable").GetBoolean());
        Assert.Equal(4, graph.Sends().Count); // the first attempt and three retries
    }

    [Fact]
    public async Task A_429_with_a_code_we_do_not_know_is_still_throttling_after_the_last_retry()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(429).WithBody(GraphFake.Error(4242424, "new throttle")));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "oi"));

        var rejected = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1, timeout: TimeSpan.FromSeconds(20)));
        Assert.Equal("RateLimited", rejected.Message.GetProperty("reason").GetString());
        Assert.True(rejected.Message.GetProperty("retryable").GetBoolean());
        Assert.Equal(4242424, rejected.Message.GetProperty("providerCode").GetInt32());
        Assert.Equal(4, graph.Sends().Count); // the first attempt and three retries
    }

    [Fact]
    public async Task After_a_pair_rate_refusal_the_recipient_s_next_send_waits_6_s_and_other_recipients_go()
    {
        const string other = "5531977776666";
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        await ContactWrites.OpenWindowAsync(app, account, other);
        var graph = new GraphFake(app.Graph, account)
            .Then(r => r.WithStatusCode(400).WithBody(GraphFake.Error(131056, "pair rate limit hit")))
            .Then(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.OTHER", other)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "primeira"));
        var refused = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        // The same recipient, with a deadline 3 s away: the hold refuses it before the network; another recipient goes at once.
        var held = new SendText(Guid.NewGuid(), account, Contact, "segunda") { NotAfter = DateTimeOffset.UtcNow.AddSeconds(3) };
        var toOther = new SendText(Guid.NewGuid(), account, other, "outra");
        await app.PublishAsync(held);
        await app.PublishAsync(toOther);
        var next = (await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 2)).ToDictionary(m => m.Message.GetProperty("commandId").GetGuid());

        Assert.Equal("RateLimited", refused.Message.GetProperty("reason").GetString());
        Assert.Equal(131056, refused.Message.GetProperty("providerCode").GetInt32());
        Assert.True(refused.Message.GetProperty("retryable").GetBoolean());
        Assert.Equal(refused.Message.GetProperty("rejectedAt").GetDateTimeOffset().AddSeconds(6),
            refused.Message.GetProperty("retryNotBefore").GetDateTimeOffset());
        Assert.Equal("RateLimited", next[held.CommandId].Message.GetProperty("reason").GetString());
        Assert.False(next[held.CommandId].Message.TryGetProperty("providerCode", out var code) && code.ValueKind == JsonValueKind.Number);
        Assert.Equal("MessageAccepted", next[toOther.CommandId].MessageType);
        Assert.Equal(["primeira", "outra"], graph.Sends().Select(s => s.GetProperty("text").GetProperty("body").GetString()));
    }

    [Theory]
    [InlineData("31988887777", "InvalidNumber")]
    [InlineData("553133334444", "InvalidNumber")]
    public async Task Rules_reject_before_any_request(string to, string reason)
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NO", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, to, "oi"));

        var rejected = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        Assert.Equal(reason, rejected.Message.GetProperty("reason").GetString());
        Assert.Empty(graph.Sends());
    }

    [Fact]
    public async Task An_unknown_account_or_a_malformed_command_is_rejected_with_its_reason()
    {
        await using var outcomes = await QueueProbe.BindAsync("MessageRejected");
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var unregistered = "6" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var unknown = new SendText(Guid.NewGuid(), unregistered, Contact, "oi");
        var malformed = new SendMedia(Guid.NewGuid(), account, Contact, "image", Link: "http://insecure.example/x.png");

        await app.PublishAsync(unknown);
        await app.PublishAsync(malformed);

        var rejections = (await outcomes.TakeAsync(only: BusMessage.Of(account, unregistered), expected: 2)).ToDictionary(m => m.Message.GetProperty("commandId").GetGuid());
        Assert.Equal("UnknownAccount", rejections[unknown.CommandId].Message.GetProperty("reason").GetString());
        Assert.Equal("InvalidCommand", rejections[malformed.CommandId].Message.GetProperty("reason").GetString());
        Assert.Contains("https", rejections[malformed.CommandId].Message.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_commands_wait_and_keep_their_order_per_recipient()
    {
        var account = await RegisteredAccounts.RegisterAsync(app, ratePerSecond: 2);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.ORDER", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        // An agent's multi-part reply: separate actions, a few milliseconds apart at the least.
        for (var i = 1; i <= 6; i++)
        {
            await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, $"parte {i}"));
            await Task.Delay(50);
        }

        var delivered = await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 6, timeout: TimeSpan.FromSeconds(20));
        Assert.All(delivered, m => Assert.Equal("MessageAccepted", m.MessageType));
        Assert.Equal(["parte 1", "parte 2", "parte 3", "parte 4", "parte 5", "parte 6"],
            graph.Sends().Select(s => s.GetProperty("text").GetProperty("body").GetString()));
        var times = graph.SendTimes();
        // 2 per second: every send is more than a second after the one two places back. The first
        // send of a new number also builds its HTTP pipeline, so it may leave late: counted from the 2nd.
        Assert.True(times[3] - times[1] > TimeSpan.FromMilliseconds(950), $"{times[3] - times[1]}");
        Assert.True(times[4] - times[2] > TimeSpan.FromMilliseconds(950), $"{times[4] - times[2]}");
        Assert.True(times[5] - times[3] > TimeSpan.FromMilliseconds(950), $"{times[5] - times[3]}");
    }
}
