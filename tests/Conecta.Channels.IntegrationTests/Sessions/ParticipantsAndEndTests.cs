using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>Agents joining and leaving (the contact is told, in pt-BR) and the end of a session, through the real bus.</summary>
[Collection(ServersCollection.Name)]
public sealed class ParticipantsAndEndTests(AppFactory app)
{
    private const string Contact = "5531988887777";

    [Fact]
    public async Task A_joining_agent_is_announced_while_open_then_end_session_closes_and_free_text_needs_a_template_again()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NOTICE", Contact)));
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected", "SessionClosed");
        var joined = new NotifyParticipantChange(Guid.NewGuid(), account, Contact, "Ana", Joined: true);
        var end = new EndSession(Guid.NewGuid(), account, Contact);

        await app.PublishAsync(joined);
        var announced = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await app.PublishAsync(end);
        var closed = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "ainda está aí?"));
        var refused = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal(("MessageAccepted", joined.CommandId), (announced.MessageType, announced.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal("Ana entrou na conversa.", Assert.Single(graph.Sends()).GetProperty("text").GetProperty("body").GetString());
        Assert.Equal(("SessionClosed", end.CommandId), (closed.MessageType, closed.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal(("MessageRejected", "TemplateRequired"), (refused.MessageType, refused.Message.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_leaving_agent_is_not_announced_to_a_contact_whose_window_is_not_open()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NO", Contact)));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new NotifyParticipantChange(Guid.NewGuid(), account, Contact, "Bruno", Joined: false));

        var refused = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        Assert.Equal(("MessageRejected", "WindowClosed"), (refused.MessageType, refused.Message.GetProperty("reason").GetString()));
        Assert.Empty(graph.Sends());
    }

    [Fact]
    public async Task With_the_account_s_notices_off_a_joining_agent_is_refused_notices_disabled_inside_the_window_and_nothing_reaches_graph()
    {
        var account = await RegisteredAccounts.RegisterAsync(app, participantNotices: false);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.OFF", Contact)));
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var joined = new NotifyParticipantChange(Guid.NewGuid(), account, Contact, "Ana", Joined: true);

        await app.PublishAsync(joined);
        var refused = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        // The same command again gets the same outcome from the ledger, not a send.
        await app.PublishAsync(joined);
        var again = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal(("MessageRejected", "NoticesDisabled", false, joined.CommandId, "whatsapp"),
            (refused.MessageType, refused.Message.GetProperty("reason").GetString(), refused.Message.GetProperty("retryable").GetBoolean(),
             refused.Message.GetProperty("commandId").GetGuid(), refused.Message.GetProperty("channel").GetString()));
        Assert.Contains("participantNotices", refused.Message.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(refused.Message.GetProperty("eventId").GetGuid(), again.Message.GetProperty("eventId").GetGuid());
        Assert.Empty(graph.Sends());
    }
}
