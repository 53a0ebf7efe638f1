using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>The 24-hour window closes on time through the real bus and Redis schedule, with nobody sending anything.</summary>
[Collection(ServersCollection.Name)]
public sealed class WindowExpiryTests(AppFactory app)
{
    private const string Contact = "5531988887777";

    [Fact]
    public async Task A_window_opened_almost_24_hours_ago_expires_on_time_and_then_free_text_is_refused_window_closed()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NO", Contact)));
        await using var probe = await QueueProbe.BindAsync("SessionQueued", "SessionWindowExpired", "MessageRejected");
        // Meta's timestamp is what counts: a message sent 24 h minus 3 s ago leaves 3 s of window.
        var sentAt = DateTimeOffset.UtcNow - TimeSpan.FromHours(24) + TimeSpan.FromSeconds(3);
        using var client = app.CreateClient();

        (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, Contact, "oi", sentAt))).EnsureSuccessStatusCode();
        var opened = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1, settle: TimeSpan.Zero));
        var expired = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1, timeout: TimeSpan.FromSeconds(15)));
        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "tarde demais"));
        var refused = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal("SessionQueued", opened.MessageType);
        Assert.Equal("SessionWindowExpired", expired.MessageType);
        Assert.Equal(opened.Message.GetProperty("sessionId").GetGuid(), expired.Message.GetProperty("sessionId").GetGuid());
        Assert.Equal(("MessageRejected", "WindowClosed"), (refused.MessageType, refused.Message.GetProperty("reason").GetString()));
        Assert.Empty(graph.Sends());
    }
}
