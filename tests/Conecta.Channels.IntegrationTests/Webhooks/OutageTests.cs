using System.Net;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Webhooks;

/// <summary>Durable before 200: while a server is down the webhook answers 503 and Meta's retry delivers exactly once.</summary>
[Collection(ServersCollection.Name)]
public sealed class OutageTests(AppFactory app)
{
    [Fact]
    public async Task Broker_down_answers_503_and_the_retry_after_restart_delivers_each_event_exactly_once()
    {
        // Texts too: the marker that ends the check for extra copies is one.
        await using var probe = await QueueProbe.BindAsync("MessageStatusChanged", "InboundMessageReceived");
        var account = await RegisteredAccounts.RegisterAsync(app);
        var body = SignedPosts.ForAccount(Fixtures.Read("whatsapp/statuses/pywa-status-delivered.json"), account);
        using var client = app.CreateClient();
        await EnsureReadyAsync(client);

        await ServerControl.StopRabbitMqAsync();
        try
        {
            using var duringOutage = await SignedPosts.PostAsync(client, body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        }
        finally
        {
            await ServerControl.StartRabbitMqAsync();
        }

        var retried = await RetryLikeMetaAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, retried);
        using var again = await SignedPosts.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var marker = await Markers.PostAsync(app, client);

        // Everything the 503, the retries and the repeat published is in the queue ahead of the marker: one status.
        var delivered = await probe.TakeUntilAsync(BusMessage.Of(marker), only: BusMessage.Of(account));
        Assert.Equal([("MessageStatusChanged", account), ("InboundMessageReceived", marker)],
            delivered.Select(m => (m.MessageType, m.Message.GetProperty("accountId").GetString())));
        Assert.Equal("delivered", delivered[0].Message.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Redis_down_answers_503_and_the_retry_after_restart_delivers_exactly_once()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        var account = await RegisteredAccounts.RegisterAsync(app);
        var body = SignedPosts.ForAccount(Fixtures.Read("whatsapp/messages/pywa-message-image.json"), account);
        using var client = app.CreateClient();
        await EnsureReadyAsync(client);

        await ServerControl.StopRedisAsync();
        try
        {
            using var duringOutage = await SignedPosts.PostAsync(client, body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        }
        finally
        {
            await ServerControl.StartRedisAsync();
        }

        Assert.Equal(HttpStatusCode.OK, await RetryLikeMetaAsync(client, body));
        var marker = await Markers.PostAsync(app, client);

        // What the 503 and the retries published is ahead of the marker: the image, once.
        var delivered = await probe.TakeUntilAsync(BusMessage.Of(marker), only: BusMessage.Of(account));
        Assert.Equal([account, marker], delivered.Select(m => m.Message.GetProperty("accountId").GetString()));
        Assert.Equal("image", delivered[0].Message.GetProperty("type").GetString());
    }

    /// <summary>Meta retries non-2xx with backoff; here bounded to a minute.</summary>
    private static async Task<HttpStatusCode> RetryLikeMetaAsync(HttpClient client, string body)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 30 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0) await Task.Delay(TimeSpan.FromSeconds(2));
            using var response = await SignedPosts.PostAsync(client, body);
            status = response.StatusCode;
        }
        return status;
    }

    private static async Task EnsureReadyAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            using var ready = await client.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(500);
        }
        Assert.Fail("The service did not become ready within 30 s");
    }
}
