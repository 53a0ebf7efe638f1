using MassTransit;

namespace Conecta.Channels.Hosting;

/// <summary>
/// Puts the inbound path's events on the bus, each as its own message type with its EventId as MessageId, and
/// completes once the broker has it durably. On RabbitMQ <see cref="RabbitMqEventPublisher"/> (RabbitMQ.Client, where
/// MassTransit's publish pipeline costs more than the broker); in the embedded mode MassTransit's in-memory bus.
/// </summary>
internal interface IEventPublisher
{
    Task PublishAsync(object message, Guid messageId, CancellationToken cancellationToken);
}

/// <summary>The embedded mode's publisher: MassTransit's bus, whatever its transport.</summary>
internal sealed class BusEventPublisher(IBus bus) : IEventPublisher
{
    public Task PublishAsync(object message, Guid messageId, CancellationToken cancellationToken) =>
        bus.Publish(message, message.GetType(), context => context.MessageId = messageId, cancellationToken);
}
