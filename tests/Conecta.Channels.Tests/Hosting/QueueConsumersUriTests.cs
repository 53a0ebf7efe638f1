using Conecta.Channels.Hosting;

namespace Conecta.Channels.Tests.Hosting;

/// <summary>The watchdog's own connection takes the connection string MassTransit takes.</summary>
public sealed class QueueConsumersUriTests
{
    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/", "amqp://guest:guest@127.0.0.1:5672/")]
    [InlineData("rabbitmq://guest:guest@127.0.0.1:5672/conecta", "amqp://guest:guest@127.0.0.1:5672/conecta")]
    [InlineData("rabbitmqs://user:p%40ss@broker.example:5671/", "amqps://user:p%40ss@broker.example:5671/")]
    public void A_rabbitmq_scheme_becomes_its_amqp_name(string configured, string expected) =>
        Assert.Equal(expected, QueueConsumers.AmqpUri(configured).AbsoluteUri);
}
