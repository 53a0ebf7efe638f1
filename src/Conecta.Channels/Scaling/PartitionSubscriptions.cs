using Conecta.Channels.Outbound;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Scaling;

/// <summary>
/// Subscribes this instance to every partition queue, as the active consumer or a standby (the broker decides: the first
/// subscriber of a single-active-consumer queue is active until it goes away). Its own share first and the rest
/// <see cref="BusTopologyOptions.StandbyDelay"/> later, so instances started together end up active on their own shares
/// instead of all on the first one up.
/// </summary>
internal sealed partial class PartitionSubscriptions(
    IBus bus,
    IBusRegistrationContext registration,
    IOptions<BusTopologyOptions> options,
    TimeProvider time,
    ILogger<PartitionSubscriptions> logger) : BackgroundService
{
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

    private void Connect<TConsumer>(string queue, BusTopologyOptions topology) where TConsumer : class, IConsumer =>
        bus.ConnectReceiveEndpoint(queue, endpoint =>
        {
            // Only the router sends here: the command exchanges stay bound to the shared queue alone.
            endpoint.ConfigureConsumeTopology = false;
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq) rabbitMq.SingleActiveConsumer = true;
            QueueTypes.Apply(endpoint, queue, topology);
            endpoint.ConfigureConsumer<TConsumer>(registration);
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to {Count} command partition(s): {Partitions}")]
    private partial void LogSubscribed(int count, IEnumerable<int> partitions);
}
