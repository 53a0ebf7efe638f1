using System.Net;
using System.Text.Json.Nodes;
using Conecta.Channels.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>A command's delivery status is kept by the webhook that brought it, before it is published, on real Redis and RabbitMQ.</summary>
[Collection(ServersCollection.Name)]
public sealed class CommandStatusesTests(AppFactory app)
{
    [Fact]
    public async Task A_status_that_cannot_be_kept_fails_the_webhook_unpublished_and_the_retry_keeps_and_publishes_it()
    {
        await using var probe = await QueueProbe.BindAsync("MessageStatusChanged");
        var account = await RegisteredAccounts.RegisterAsync(app);
        var commandId = Guid.NewGuid();
        var body = StatusFor(account, commandId, "read");
        using var redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        var key = (RedisKey)("conecta:command-status:" + commandId.ToString("N"));
        // A value of the wrong type under the command's status key: Redis refuses the status script, the dedup store still works.
        await redis.GetDatabase().HashSetAsync(key, "not", "a status");
        using var client = app.CreateClient();

        using (var refused = await SignedPosts.PostAsync(client, body))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        await redis.GetDatabase().KeyDeleteAsync(key);
        using (var retried = await SignedPosts.PostAsync(client, body))
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);

        // A status is recorded before it is published (its order downstream depends on it): the refused webhook published
        // nothing, the retry once. Both publishes are confirmed before their webhooks answer, so a copy would be queued by now.
        var published = await probe.TakeAsync(expected: 2, timeout: TimeSpan.FromSeconds(2), only: BusMessage.Of(account));
        Assert.Equal("read", Assert.Single(published).Message.GetProperty("status").GetString());
        Assert.Equal("read", (string?)JsonNode.Parse((string)(await redis.GetDatabase().StringGetAsync(key))!)!["status"]);
    }

    private static string StatusFor(string account, Guid commandId, string status)
    {
        var payload = JsonNode.Parse(SignedPosts.ForAccount(Fixtures.Read("whatsapp/statuses/pywa-status-delivered.json"), account))!;
        var item = payload["entry"]![0]!["changes"]![0]!["value"]!["statuses"]![0]!;
        item["id"] = "wamid.ST." + Guid.NewGuid().ToString("N");
        item["status"] = status;
        item["biz_opaque_callback_data"] = commandId.ToString();
        return payload.ToJsonString();
    }
}
