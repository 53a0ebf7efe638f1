using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>
/// One contact, one key: every spelling of one number is one session, one rate-limit bucket and one ordering partition.
/// The contact wrote from WhatsApp's old 12-digit id; the agent's commands name the number three ways.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ContactKeyTests(AppFactory app)
{
    private static readonly string[] Spellings = ["+55 31 98888-7777", "5531988887777", "553188887777"];

    [Fact]
    public async Task Every_spelling_of_one_number_shares_the_session_the_rate_limit_bucket_and_the_ordering_partition()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, "553188887777");
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.KEY", "553188887777")));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        // Meta's pair limit here is 10 a minute per recipient: ten sends spread over the three spellings fill one bucket.
        var sends = Enumerable.Range(0, 10).Select(i => new SendText(Guid.NewGuid(), account, Spellings[i % 3], $"parte {i}")).ToList();
        var eleventh = new SendText(Guid.NewGuid(), account, Spellings[1], "parte 10", NotAfter: DateTimeOffset.UtcNow.AddSeconds(5));

        foreach (var send in sends) await app.PublishAsync(send);
        await app.PublishAsync(eleventh);

        var decided = (await outcomes.TakeAsync(expected: 11, only: BusMessage.Of(account), timeout: TimeSpan.FromSeconds(20)))
            .ToDictionary(m => m.Message.GetProperty("commandId").GetGuid());
        Assert.All(sends, send => Assert.Equal("MessageAccepted", decided[send.CommandId].MessageType));
        Assert.Equal("RateLimited", decided[eleventh.CommandId].Message.GetProperty("reason").GetString());
        Assert.Equal("The recipient's rate limit would delay it past its deadline.", decided[eleventh.CommandId].Message.GetProperty("detail").GetString());
        // Each send once, to the canonical number. Not their order: MassTransit dispatches the commands a consumer holds
        // concurrently, so a later one can reach the partitioner first (docs/scaling.md, "Strict order needs a prefetch of 1").
        Assert.Equal(sends.Select(s => s.Text).Order(), graph.Sends().Select(s => s.GetProperty("text").GetProperty("body").GetString()).Order());
        Assert.All(graph.Sends(), s => Assert.Equal("5531988887777", s.GetProperty("to").GetString()));
        var channels = app.Services.GetRequiredService<ChannelRegistry>();
        Assert.Single(Spellings.Select(to => channels.PartitionKeyOf(account, to)).Distinct());
        Assert.Single(Spellings.Select(to => channels.For("whatsapp").ContactKeyOf(to)).Distinct());
    }
}
