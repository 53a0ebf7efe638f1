using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using MassTransit;

namespace Conecta.Channels.Sessions;

/// <summary>Publishing session events and the outcomes Sessions decides itself, the way the outbound consumer publishes.</summary>
internal static class SessionPublishing
{
    /// <summary>Each event as its own type, with its EventId as MessageId: a republished event is recognizably the same one.</summary>
    public static Func<object, Task> To(IPublishEndpoint bus, CancellationToken cancellationToken) =>
        @event => bus.Publish(@event, @event.GetType(), publish => publish.MessageId = EventIdOf(@event), cancellationToken);

    public static Task PublishAsync(this IPublishEndpoint bus, CommandOutcome outcome, CancellationToken cancellationToken) =>
        To(bus, cancellationToken)((object?)outcome.Accepted ?? outcome.Rejected!);

    /// <summary>
    /// A rejection decided before the outbound pipeline; its EventId follows the pipeline's rule (derived from
    /// the CommandId), so whichever step refuses a command, its outcome has the same id.
    /// </summary>
    public static MessageRejected Rejection(Guid commandId, string? channel, string accountId, string to, RejectionReason reason, string detail,
        DateTimeOffset at) =>
        new(EventIds.From("outcome", commandId.ToString()), commandId, channel, accountId, to, reason, Retryable: false,
            ProviderCode: null, ProviderTitle: null, detail, at);

    public static Guid EventIdOf(object @event) => @event switch
    {
        ActiveContactStarted e => e.EventId,
        TypingUnlocked e => e.EventId,
        SessionQueued e => e.EventId,
        SessionWindowExpired e => e.EventId,
        SessionClosed e => e.EventId,
        MessageAccepted e => e.EventId,
        MessageRejected e => e.EventId,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, null),
    };
}
