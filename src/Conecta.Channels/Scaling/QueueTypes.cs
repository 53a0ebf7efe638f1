using MassTransit;

namespace Conecta.Channels.Scaling;

/// <summary>What <see cref="BusTopologyOptions.QueueType"/> means for the queues the service declares.</summary>
internal static class QueueTypes
{
    /// <summary>Where a quorum queue puts a message delivered more than <see cref="BusTopologyOptions.DeliveryLimit"/> times.</summary>
    public static string PoisonQueueOf(string queue) => queue + "_poison";

    /// <summary>
    /// A quorum queue with its delivery limit, dead-lettering to a poison queue (quorum too) of the same name through an
    /// exchange of that name. MassTransit moves a message whose consumer threw to &lt;queue&gt;_error itself; the poison queue
    /// takes the ones that never got that far: each delivery ended the consumer's process or channel.
    /// </summary>
    public static void Apply(IReceiveEndpointConfigurator endpoint, string queue, BusTopologyOptions topology)
    {
        if (topology.QueueType != QueueType.Quorum || endpoint is not IRabbitMqReceiveEndpointConfigurator rabbitMq) return;
        rabbitMq.SetQuorumQueue();
        rabbitMq.SetQueueArgument("x-delivery-limit", topology.DeliveryLimit);
        rabbitMq.BindDeadLetterQueue(PoisonQueueOf(queue), PoisonQueueOf(queue), poison => poison.SetQuorumQueue());
    }

    /// <summary>The arguments of a queue declared with RabbitMQ.Client itself (the events queue): none for a classic one.</summary>
    public static Dictionary<string, object?>? ArgumentsOf(BusTopologyOptions topology) =>
        topology.QueueType == QueueType.Quorum ? new() { ["x-queue-type"] = "quorum" } : null;
}
