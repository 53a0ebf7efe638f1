using Conecta.Channels.Contracts.Events;
using MassTransit;

namespace Conecta.Channels.Sessions;

/// <summary>Publishing session events (and the outcomes published beside them) the way the outbound consumer publishes.</summary>
internal static class SessionPublishing
{
    /// <summary>Each event as its own type, with its EventId as MessageId: a republished event is recognizably the same one.</summary>
    public static Func<object, Task> To(IPublishEndpoint bus, CancellationToken cancellationToken) =>
        @event => bus.Publish(@event, @event.GetType(), publish => publish.MessageId = EventIdOf(@event), cancellationToken);

    public static Guid EventIdOf(object @event) => @event switch
    {
        ActiveContactStarted e => e.EventId,
        TypingUnlocked e => e.EventId,
        SessionQueued e => e.EventId,
        SessionWindowExpired e => e.EventId,
        SessionClosed e => e.EventId,
        ContactIdentityChanged e => e.EventId,
        MessageAccepted e => e.EventId,
        MessageRejected e => e.EventId,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, null),
    };
}
