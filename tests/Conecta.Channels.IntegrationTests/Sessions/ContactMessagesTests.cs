using System.Net;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>The contact's messages reach the session inside the webhook, on real Redis and RabbitMQ.</summary>
[Collection(ServersCollection.Name)]
public sealed class ContactMessagesTests(AppFactory app)
{
    [Fact]
    public async Task A_burst_from_one_new_contact_is_all_acknowledged_and_queues_one_session()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived", "SessionQueued");
        var account = await RegisteredAccounts.RegisterAsync(app);
        var sentAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        // As Meta sends a contact's photo album: one webhook per message, all at once.
        var bodies = Enumerable.Range(0, 20).Select(i => ContactWrites.InboundText(account, "5531977776666", $"foto {i}", sentAt.AddSeconds(i))).ToList();
        using var client = app.CreateClient();

        var answers = await Task.WhenAll(bodies.Select(async body =>
        {
            using var response = await SignedPosts.PostAsync(client, body);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        var events = await probe.TakeAsync(expected: 21, only: BusMessage.Of(account));
        Assert.Equal(20, events.Count(e => e.MessageType == "InboundMessageReceived"));
        var queued = Assert.Single(events, e => e.MessageType == "SessionQueued").Message;
        Assert.Equal(("5531977776666", "suporte"), (queued.GetProperty("contactKey").GetString(), queued.GetProperty("team").GetString()));
        // The window runs from the newest message, whatever order the webhooks were applied in.
        Assert.Equal(sentAt.AddSeconds(19).AddHours(24).ToUnixTimeSeconds(),
            (await Session(account, "5531977776666"))!.WindowEndsAt!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_session_that_cannot_be_stored_fails_the_webhook_and_the_retry_applies_it()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived", "SessionQueued");
        var account = await RegisteredAccounts.RegisterAsync(app);
        var redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        var key = RedisSessionStore.Key(new SessionKey(account, "5531966665555"));
        // A value of the wrong type under the session's key: Redis refuses to read it, the dedup store still works.
        await redis.GetDatabase().HashSetAsync(key, "not", "a session");
        var body = ContactWrites.InboundText(account, "5531966665555", "oi");
        using var client = app.CreateClient();

        using (var refused = await SignedPosts.PostAsync(client, body))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var published = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(account)));
        await redis.GetDatabase().KeyDeleteAsync(key);
        using (var retried = await SignedPosts.PostAsync(client, body))
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var afterRetry = await probe.TakeAsync(expected: 2, only: BusMessage.Of(account));

        // Published before its session failed, then again by the retry, with the same EventId: consumers drop the copy.
        Assert.Equal("InboundMessageReceived", published.MessageType);
        Assert.Equal(["InboundMessageReceived", "SessionQueued"], afterRetry.Select(m => m.MessageType));
        Assert.Equal(published.EventId, afterRetry[0].EventId);
        Assert.Equal(SessionState.Open, (await Session(account, "5531966665555"))!.State);
        redis.Dispose();
    }

    private Task<Session?> Session(string account, string contactKey) =>
        app.Services.GetRequiredService<ISessionStore>().FindAsync(new SessionKey(account, contactKey), CancellationToken.None);
}
