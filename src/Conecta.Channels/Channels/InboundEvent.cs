using MassTransit;

namespace Conecta.Channels.Channels;

/// <summary>A normalized event a channel produced from a webhook, ready for the bus.</summary>
internal abstract record InboundEvent(Guid EventId)
{
    public abstract object Message { get; }

    public abstract Task PublishAsync(IPublishEndpoint bus, CancellationToken cancellationToken);

    public static InboundEvent Of<T>(Guid eventId, T message) where T : class => new Typed<T>(eventId, message);

    private sealed record Typed<T>(Guid EventId, T Body) : InboundEvent(EventId) where T : class
    {
        public override object Message => Body;

        // The EventId doubles as the transport MessageId, so consumers can deduplicate on either.
        public override Task PublishAsync(IPublishEndpoint bus, CancellationToken cancellationToken) =>
            bus.Publish(Body, context => context.MessageId = EventId, cancellationToken);
    }
}
