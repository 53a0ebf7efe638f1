using System.Net;
using System.Text.Json.Nodes;
using Conecta.Channels.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>A command's delivery status is kept by the webhook that brought it, on real Redis and RabbitMQ.</summary>
[Collection(ServersCollection.Name)]
public sealed class CommandStatusesTests(AppFactory app)
{
    [Fact]
    public async Task A_status_that_cannot_be_kept_fails_the_webhook_and_the_retry_keeps_it()
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

        var published = await probe.TakeAsync(expected: 2, only: BusMessage.Of(account));
        // Published before its status failed, then again by the retry, with the same EventId: consumers drop the copy.
        Assert.Equal(2, published.Count);
        Assert.Single(published.Select(m => m.EventId).Distinct());
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
