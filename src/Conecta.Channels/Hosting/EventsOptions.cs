namespace Conecta.Channels.Hosting;

/// <summary>Where the events the platform consumes are kept (RabbitMQ only).</summary>
internal sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>
    /// A durable queue declared at start and bound to every event exchange before the first publish, so an event is
    /// stored even when no consumer was ever deployed (RabbitMQ confirms and drops a message no queue is bound for).
    /// The platform's receive endpoint reads it, as it sends commands to conecta-outbound. Empty: none is declared and
    /// the platform binds queues of its own (a webhook event no queue takes still fails: those publishes are mandatory).
    /// </summary>
    public string Queue { get; set; } = "conecta-events";

    /// <summary>Channels the inbound publisher spreads its publishes over (each keeps its own confirms).</summary>
    public int PublishChannels { get; set; } = 2;
}
