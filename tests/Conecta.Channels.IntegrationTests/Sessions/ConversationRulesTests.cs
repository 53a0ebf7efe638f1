using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>
/// The conversation rules the design left open, end to end on real RabbitMQ and Redis (Graph in WireMock), each read back
/// through the conversations API too. docs/conversations.md says why each is so.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ConversationRulesTests(AppFactory app)
{
    private const string Contact = "5531988887777";
    private static readonly string[] Events =
        ["ActiveContactStarted", "TypingUnlocked", "SessionQueued", "SessionWindowExpired", "SessionClosed", "MessageAccepted", "MessageRejected"];

    [Fact]
    public async Task A_notice_is_the_accounts_own_pt_br_text_inside_the_window_and_refused_window_closed_outside_it()
    {
        var account = await RegisteredAccounts.RegisterAsync(app, joinNotice: "{nome} está com você agora.", leaveNotice: "{nome} encerrou a participação.");
        var graph = Graph(account);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        await using var probe = await QueueProbe.BindAsync(Events);
        const string stranger = "5531977776666";

        await app.PublishAsync(new NotifyParticipantChange(Guid.NewGuid(), account, Contact, "Ana", Joined: true));
        await app.PublishAsync(new NotifyParticipantChange(Guid.NewGuid(), account, Contact, "Ana", Joined: false));
        var told = await probe.TakeAsync(only: BusMessage.Of(account), expected: 2);
        var outside = new NotifyParticipantChange(Guid.NewGuid(), account, stranger, "Bruno", Joined: true);
        await app.PublishAsync(outside);
        var refused = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal(["MessageAccepted", "MessageAccepted"], told.Select(m => m.MessageType));
        Assert.Equal(["Ana está com você agora.", "Ana encerrou a participação."],
            graph.Sends().Select(s => s.GetProperty("text").GetProperty("body").GetString()));
        Assert.Equal(("MessageRejected", outside.CommandId, "WindowClosed", false),
            (refused.MessageType, refused.Message.GetProperty("commandId").GetGuid(), refused.Message.GetProperty("reason").GetString(),
             refused.Message.GetProperty("retryable").GetBoolean()));
        Assert.Equal(2, graph.Sends().Count);
    }

    [Fact]
    public async Task EndSession_closes_and_the_contacts_next_message_opens_a_new_session_queued_to_the_default_team()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        Graph(account);
        await using var probe = await QueueProbe.BindAsync(Events);
        using var client = app.CreateClient();
        (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, Contact, "oi"))).EnsureSuccessStatusCode();
        var first = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        var end = new EndSession(Guid.NewGuid(), account, Contact);

        await app.PublishAsync(end);
        var closed = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        var whileClosed = await Conversations.StateAsync(app, account, Contact, "Closed");
        (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, Contact, "voltei"))).EnsureSuccessStatusCode();
        var next = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        var reopened = await Conversations.StateAsync(app, account, Contact, "Open");

        var firstSession = first.Message.GetProperty("sessionId").GetGuid();
        Assert.Equal(("SessionClosed", firstSession, end.CommandId),
            (closed.MessageType, closed.Message.GetProperty("sessionId").GetGuid(), closed.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal(("Closed", end.CommandId), (whileClosed.GetProperty("state").GetString(), whileClosed.GetProperty("closedByCommandId").GetGuid()));
        Assert.Equal(("SessionQueued", "suporte", "voltei"),
            (next.MessageType, next.Message.GetProperty("team").GetString(), next.Message.GetProperty("firstMessageText").GetString()));
        var nextSession = next.Message.GetProperty("sessionId").GetGuid();
        Assert.NotEqual(firstSession, nextSession);
        Assert.Equal(("Open", nextSession, true), (reopened.GetProperty("state").GetString(), reopened.GetProperty("sessionId").GetGuid(),
            reopened.GetProperty("queued").GetBoolean()));
    }

    [Fact]
    public async Task A_template_after_the_window_expired_locks_typing_again_until_the_reply_which_unlocks_it_in_the_same_session()
    {
        // The window's end is the clock's to reach: an app on a clock of the test's, moved past it.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var clocked = new AppFactory([], clock);
        var account = await RegisteredAccounts.RegisterAsync(clocked);
        var graph = Graph(clocked, account);
        await ApprovedTemplates.ApproveAsync(clocked, account);
        await using var probe = await QueueProbe.BindOnAsync(clocked.RabbitMq, Events);
        using var client = clocked.CreateClient();
        await clocked.PublishAsync(new StartActiveContact(Guid.NewGuid(), account, Contact, "ana", "vendas", ApprovedTemplates.Name, "pt_BR", []));
        await probe.TakeAsync(only: BusMessage.Of(account), expected: 2, settle: TimeSpan.Zero);
        // Meta's timestamp says the reply was sent 23 h ago: the window it opens ends in an hour of the test's clock.
        (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, Contact, "sim", clock.GetUtcNow().AddHours(-23))))
            .EnsureSuccessStatusCode();
        var unlocked = await probe.TakeAsync(only: BusMessage.Of(account), expected: 2, settle: TimeSpan.Zero);
        await Conversations.StateAsync(clocked, account, Contact, "Open");
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(2));
        var expired = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1, settle: TimeSpan.Zero));
        var template = new SendTemplate(Guid.NewGuid(), account, Contact, ApprovedTemplates.Name, "pt_BR", []);

        await clocked.PublishAsync(template);
        var sent = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        var awaiting = await Conversations.StateAsync(clocked, account, Contact, "AwaitingReply");
        await clocked.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "antes da resposta"));
        var locked = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, Contact, "pode falar", clock.GetUtcNow()))).EnsureSuccessStatusCode();
        var again = await probe.TakeAsync(only: BusMessage.Of(account), expected: 2);

        var session = unlocked[1].Message.GetProperty("sessionId").GetGuid();
        Assert.Equal(["TypingUnlocked", "SessionQueued"], unlocked.Select(m => m.MessageType));
        Assert.Equal(("SessionWindowExpired", session), (expired.MessageType, expired.Message.GetProperty("sessionId").GetGuid()));
        Assert.Equal(("MessageAccepted", template.CommandId), (sent.MessageType, sent.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal(("AwaitingReply", true, session, "ana"), (awaiting.GetProperty("state").GetString(), awaiting.GetProperty("typingLocked").GetBoolean(),
            awaiting.GetProperty("sessionId").GetGuid(), awaiting.GetProperty("agentId").GetString()));
        Assert.Equal(("MessageRejected", "TypingLocked"), (locked.MessageType, locked.Message.GetProperty("reason").GetString()));
        Assert.Equal(["TypingUnlocked", "SessionQueued"], again.Select(m => m.MessageType));
        Assert.All(again, m => Assert.Equal(session, m.Message.GetProperty("sessionId").GetGuid()));
        Assert.Equal(("vendas", "ana"), (again[1].Message.GetProperty("team").GetString(), again[1].Message.GetProperty("agentId").GetString()));
        Assert.Equal(["template", "template"], graph.Sends().Select(s => s.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_contact_writing_after_the_window_expired_is_a_new_session_queued_never_a_silent_reopen()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var clocked = new AppFactory([], clock);
        var account = await RegisteredAccounts.RegisterAsync(clocked);
        Graph(clocked, account);
        await using var probe = await QueueProbe.BindOnAsync(clocked.RabbitMq, Events);
        using var client = clocked.CreateClient();
        (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, Contact, "oi", clock.GetUtcNow().AddHours(-23))))
            .EnsureSuccessStatusCode();
        var first = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1, settle: TimeSpan.Zero));
        await Conversations.StateAsync(clocked, account, Contact, "Open");
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(2));
        var expired = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1, settle: TimeSpan.Zero));
        var whileExpired = await Conversations.StateAsync(clocked, account, Contact, "WindowExpired");

        (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, Contact, "ainda preciso de ajuda", clock.GetUtcNow()))).EnsureSuccessStatusCode();
        var next = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal("SessionWindowExpired", expired.MessageType);
        Assert.Equal(("WindowExpired", "WindowClosed"), (whileExpired.GetProperty("state").GetString(), whileExpired.GetProperty("freeText").GetString()));
        Assert.Equal(("SessionQueued", "suporte", "ainda preciso de ajuda"),
            (next.MessageType, next.Message.GetProperty("team").GetString(), next.Message.GetProperty("firstMessageText").GetString()));
        Assert.NotEqual(first.Message.GetProperty("sessionId").GetGuid(), next.Message.GetProperty("sessionId").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, next.Message.GetProperty("agentId").ValueKind);
    }

    private GraphFake Graph(string account) => Graph(app, account);

    private static GraphFake Graph(AppFactory factory, string account) =>
        new GraphFake(factory.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.OUT." + Guid.NewGuid().ToString("N"), Contact)));
}
