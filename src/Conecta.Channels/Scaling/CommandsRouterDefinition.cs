using Conecta.Channels.Channels;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Scaling;

/// <summary>
/// A router's endpoint: the shared queue's name and bindings of the single-instance topology, one active router across the
/// instances (<see cref="PartitionRouter.ConfigureEndpoint"/>), its forwards in contact order.
/// </summary>
internal abstract class CommandsRouterDefinition<TRouter> : ConsumerDefinition<TRouter> where TRouter : class, IConsumer
{
    private readonly int _prefetch;

    protected CommandsRouterDefinition(string queueName, ChannelRegistry channels, IOptions<BusTopologyOptions> topology)
    {
        Channels = channels;
        _prefetch = topology.Value.RouterPrefetch;
        EndpointName = queueName;
        ConcurrentMessageLimit = _prefetch;
    }

    protected ChannelRegistry Channels { get; }

    protected sealed override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TRouter> consumer,
        IRegistrationContext context)
    {
        PartitionRouter.ConfigureEndpoint(endpoint, _prefetch);
        PartitionByContact(consumer, endpoint.CreatePartitioner(_prefetch));
    }

    /// <summary>Each command the router forwards, in its contact's in-memory partition, retried there (<see cref="PartitionRouter.Retry"/>).</summary>
    protected abstract void PartitionByContact(IConsumerConfigurator<TRouter> consumer, IPartitioner partitioner);
}
