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
        await using var probe = await QueueProbe.BindAsync("MessageStatusChanged");
        var body = SignedPosts.ForAccount(Fixtures.Read("whatsapp/statuses/pywa-status-delivered.json"), await RegisteredAccounts.RegisterAsync(app));
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
        var delivered = await probe.TakeAsync(expected: 1, settle: TimeSpan.FromSeconds(2));
        var status = Assert.Single(delivered);
        Assert.Equal("delivered", status.Message.GetProperty("status").GetString());

        using var again = await SignedPosts.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(await probe.TakeAsync(expected: 1, timeout: TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Redis_down_answers_503_and_the_retry_after_restart_delivers_exactly_once()
    {
        await using var probe = await QueueProbe.BindAsync("InboundMessageReceived");
        var body = SignedPosts.ForAccount(Fixtures.Read("whatsapp/messages/pywa-message-image.json"), await RegisteredAccounts.RegisterAsync(app));
        using var client = app.CreateClient();
        await EnsureReadyAsync(client);

        await ServerControl.StopRedisAsync();
        try
        {
            using var duringOutage = await SignedPosts.PostAsync(client, body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
            Assert.Empty(await probe.TakeAsync(expected: 1, timeout: TimeSpan.FromSeconds(1)));
        }
        finally
        {
            await ServerControl.StartRedisAsync();
        }

        Assert.Equal(HttpStatusCode.OK, await RetryLikeMetaAsync(client, body));
        var message = Assert.Single(await probe.TakeAsync(expected: 1, settle: TimeSpan.FromSeconds(2)));
        Assert.Equal("image", message.Message.GetProperty("type").GetString());
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
