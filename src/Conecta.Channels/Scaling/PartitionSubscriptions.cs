using Conecta.Channels.Outbound;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Scaling;

/// <summary>
/// Subscribes this instance to every partition queue, as the active consumer or a standby (the broker decides: the first
/// subscriber of a single-active-consumer queue is active until it goes away). Its own share first and the rest
/// <see cref="BusTopologyOptions.StandbyDelay"/> later, so instances started together end up active on their own shares
/// instead of all on the first one up. On a graceful stop the partition endpoints stop first, before the bus and the stores
/// it needs: what they hold is finished (or returned to the broker) while Redis is still there, and the standbys go on.
/// </summary>
internal sealed partial class PartitionSubscriptions(
    IBus bus,
    IBusRegistrationContext registration,
    IOptions<BusTopologyOptions> options,
    TimeProvider time,
    ILogger<PartitionSubscriptions> logger) : BackgroundService
{
    private readonly List<HostReceiveEndpointHandle> _endpoints = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topology = options.Value;
        Subscribe(topology.PreferredPartitions().ToList(), topology);
        var standby = topology.StandbyPartitions().ToList();
        if (standby.Count == 0) return;
        try
        {
            await Task.Delay(topology.StandbyDelay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Subscribe(standby, topology);
    }

    private void Subscribe(List<int> partitions, BusTopologyOptions topology)
    {
        foreach (var partition in partitions)
        {
            Connect<OutboundCommandsConsumer>(Partitions.QueueOf(OutboundCommandsConsumerDefinition.QueueName, partition), topology);
            Connect<ConversationCommandsConsumer>(Partitions.QueueOf(ConversationCommandsConsumerDefinition.QueueName, partition), topology);
        }
        LogSubscribed(partitions.Count, partitions);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        List<HostReceiveEndpointHandle> endpoints;
        lock (_endpoints) endpoints = [.. _endpoints];
        await Task.WhenAll(endpoints.Select(endpoint => endpoint.StopAsync(cancellationToken)));
    }

    private void Connect<TConsumer>(string queue, BusTopologyOptions topology) where TConsumer : class, IConsumer
    {
        var handle = bus.ConnectReceiveEndpoint(queue, endpoint =>
        {
            // Only the router sends here: the command exchanges stay bound to the shared queue alone.
            endpoint.ConfigureConsumeTopology = false;
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq) rabbitMq.SingleActiveConsumer = true;
            QueueTypes.Apply(endpoint, queue, topology);
            endpoint.ConfigureConsumer<TConsumer>(registration);
        });
        lock (_endpoints) _endpoints.Add(handle);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to {Count} command partition(s): {Partitions}")]
    private partial void LogSubscribed(int count, IEnumerable<int> partitions);
}
