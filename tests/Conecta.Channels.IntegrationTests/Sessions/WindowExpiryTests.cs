using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>
/// The 24-hour window closes on time through the real bus and Redis schedule, with nobody sending anything: on a clock
/// of the test's own, so "on time" is when the clock says so, not a race against a busy machine.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class WindowExpiryTests : IDisposable
{
    private const string Contact = "5531988887777";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly AppFactory _app;

    public WindowExpiryTests() => _app = new AppFactory([], _clock);

    [Fact]
    public async Task A_window_opened_23_hours_ago_expires_when_the_clock_passes_24_hours_and_then_free_text_is_refused_window_closed()
    {
        var account = await RegisteredAccounts.RegisterAsync(_app);
        var graph = new GraphFake(_app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NO", Contact)));
        await using var probe = await QueueProbe.BindOnAsync(_app.RabbitMq, "SessionQueued", "SessionWindowExpired", "MessageRejected");
        // Meta's timestamp is what counts: a message sent 23 h ago leaves an hour of window.
        var sentAt = _clock.GetUtcNow() - TimeSpan.FromHours(23);
        using var client = _app.CreateClient();

        (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, Contact, "oi", sentAt))).EnsureSuccessStatusCode();
        var opened = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1, settle: TimeSpan.Zero));
        var open = await Conversations.StateAsync(_app, account, Contact, "Open");
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(2));
        var expired = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1, settle: TimeSpan.Zero));
        await _app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "tarde demais"));
        var refused = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal("SessionQueued", opened.MessageType);
        Assert.Equal("Open", open.GetProperty("state").GetString());
        Assert.Equal("SessionWindowExpired", expired.MessageType);
        Assert.Equal(opened.Message.GetProperty("sessionId").GetGuid(), expired.Message.GetProperty("sessionId").GetGuid());
        Assert.Equal(("MessageRejected", "WindowClosed"), (refused.MessageType, refused.Message.GetProperty("reason").GetString()));
        Assert.Empty(graph.Sends());
    }

    public void Dispose() => _app.Dispose();
}
