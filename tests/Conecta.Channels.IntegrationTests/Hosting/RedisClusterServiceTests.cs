using System.Net;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>The real Program with ConnectionStrings:Redis listing the cluster's nodes, as a deployment on a cluster sets it.</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisClusterServiceTests
{
    private const string Contact = "5531977776666";

    [Fact]
    public async Task A_burst_opens_one_session_its_retry_publishes_nothing_and_a_reply_s_status_finds_its_command()
    {
        using var app = new AppFactory([("ConnectionStrings:Redis", Servers.RedisCluster)]);
        await using var probe = await QueueProbe.BindOnAsync(app.RabbitMq, "InboundMessageReceived", "SessionQueued", "MessageAccepted", "MessageStatusChanged");
        var account = await RegisteredAccounts.RegisterAsync(app);
        var sentAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        var bodies = Enumerable.Range(0, 10).Select(i => ContactWrites.InboundText(account, Contact, $"msg {i}", sentAt.AddSeconds(i))).ToList();
        using var client = app.CreateClient();

        var first = await PostAllAsync(client, bodies);
        var inbound = await probe.TakeAsync(expected: 11, only: BusMessage.Of(account));
        await Conversations.StateAsync(app, account, Contact, "Open");
        var retried = await PostAllAsync(client, bodies);
        var wamid = "wamid.CLUSTER." + Guid.NewGuid().ToString("N");
        new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted(wamid, Contact)));
        var command = new SendText(Guid.NewGuid(), account, Contact, "no cluster");
        await app.PublishAsync(command);
        // Whatever the retried webhooks had published again would be here too, before the outcome.
        var afterRetry = await probe.TakeAsync(expected: 1, only: BusMessage.Of(account));
        var status = Fixtures.Read("whatsapp/statuses/pywa-status-delivered.json").Replace("wamid.xyzxyz", wamid, StringComparison.Ordinal);
        (await SignedPosts.PostAsync(client, SignedPosts.ForAccount(status, account))).EnsureSuccessStatusCode();
        var delivered = Assert.Single(await probe.TakeAsync(expected: 1, only: BusMessage.Of(account)));

        Assert.All(first.Concat(retried), answer => Assert.Equal(HttpStatusCode.OK, answer));
        Assert.Equal(10, inbound.Count(e => e.MessageType == "InboundMessageReceived"));
        Assert.Single(inbound, e => e.MessageType == "SessionQueued");
        var accepted = Assert.Single(afterRetry);
        Assert.Equal(("MessageAccepted", command.CommandId), (accepted.MessageType, accepted.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal(("delivered", command.CommandId),
            (delivered.Message.GetProperty("status").GetString(), delivered.Message.GetProperty("commandId").GetGuid()));
    }

    private static Task<HttpStatusCode[]> PostAllAsync(HttpClient client, IEnumerable<string> bodies) =>
        Task.WhenAll(bodies.Select(async body =>
        {
            using var response = await SignedPosts.PostAsync(client, body);
            return response.StatusCode;
        }));
}
