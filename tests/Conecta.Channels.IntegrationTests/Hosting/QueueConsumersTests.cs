using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>The broker's own count of consumers, which the bus watchdog trusts over MassTransit's endpoint health.</summary>
[Collection(ServersCollection.Name)]
public sealed class QueueConsumersTests
{
    [Fact]
    public async Task A_queue_without_consumer_or_missing_is_idle_one_with_a_consumer_is_not()
    {
        var consumed = "it-consumed-" + Guid.NewGuid().ToString("N")[..8];
        var idle = "it-idle-" + Guid.NewGuid().ToString("N")[..8];
        var missing = "it-missing-" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await new ConnectionFactory { Uri = new Uri(Servers.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(consumed, durable: false, exclusive: false, autoDelete: true);
        await channel.QueueDeclareAsync(idle, durable: false, exclusive: false, autoDelete: true);
        await channel.BasicConsumeAsync(consumed, autoAck: true, new AsyncEventingBasicConsumer(channel));
        await using var queues = new QueueConsumers(Servers.RabbitMq);

        var withoutConsumers = await queues.WithoutConsumersAsync([consumed, idle, missing], CancellationToken.None);

        Assert.NotNull(withoutConsumers);
        Assert.Equal([idle, missing], withoutConsumers.Order(StringComparer.Ordinal));
        await channel.QueueDeleteAsync(idle);
    }

    [Fact]
    public async Task A_broker_out_of_reach_is_no_answer_rather_than_every_queue_idle()
    {
        await using var queues = new QueueConsumers("amqp://guest:guest@127.0.0.1:1/");

        Assert.Null(await queues.WithoutConsumersAsync(["conecta-outbound"], CancellationToken.None));
    }
}
