namespace Conecta.Channels.Channels;

/// <summary>A normalized event a channel produced from a webhook, ready for the bus; its EventId is also its transport MessageId.</summary>
internal sealed record InboundEvent(Guid EventId, object Message)
{
    public static InboundEvent Of<T>(Guid eventId, T message) where T : class => new(eventId, message);
}
