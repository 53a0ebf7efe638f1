using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Scaling;
using MassTransit;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Conecta.Channels.Outbound;

/// <summary>
/// Transport policy of the outbound endpoint: many commands at once (waiting for a rate-limit slot
/// holds no thread), one at a time per contact (partitioned on its key, <see cref="ChannelRegistry.PartitionKeyOf"/>, so
/// a contact gets messages in the order they were sent however its number is spelled), and in-memory retries for a
/// command another delivery is still working on. With Bus:Topology:Partitions it consumes the partition queues instead
/// (<see cref="Scaling.PartitionSubscriptions"/>), <see cref="BusTopologyOptions.PartitionPrefetch"/> at once on each.
/// </summary>
internal sealed class OutboundCommandsConsumerDefinition : ConsumerDefinition<OutboundCommandsConsumer>
{
    public const string QueueName = "conecta-outbound";
    private readonly int _concurrency;
    private readonly TimeSpan[] _retries;
    private readonly ChannelRegistry _channels;
    private readonly bool _partitioned;

    public OutboundCommandsConsumerDefinition(IOptions<OutboundOptions> options, IOptions<BusTopologyOptions> topology, ChannelRegistry channels)
    {
        _channels = channels;
        _partitioned = topology.Value.Partitioned;
        _concurrency = _partitioned ? topology.Value.PartitionPrefetch : options.Value.ConcurrentCommands;
        _retries = options.Value.Retries;
        EndpointName = QueueName;
        ConcurrentMessageLimit = _concurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<OutboundCommandsConsumer> consumer, IRegistrationContext context)
    {
        endpoint.PrefetchCount = _concurrency;
        // Spans more than the command lease, so a command left by a crashed instance is picked up.
        // After the last, MassTransit publishes a Fault: GivenUpCommandsConsumer answers it.
        var partitioner = endpoint.CreatePartitioner(_concurrency);
        if (!_partitioned)
        {
            endpoint.UseMessageRetry(retry => Retry(retry, _retries));
            PartitionByContact(consumer, partitioner, _channels);
            return;
        }
        // On a partition queue the retry waits inside the contact's partition: the command a killed instance left under
        // its lease is retried before the contact's next one goes, which the endpoint-wide retry would let overtake it.
        PartitionByContact(consumer, partitioner, _channels, retry => Retry(retry, _retries));
#pragma warning disable CS0618 // one message type's retry (see ContactPartitioning)
        consumer.Message<MarkAsRead>(m => m.UseRetry(retry => Retry(retry, _retries)));
#pragma warning restore CS0618
    }

    /// <summary>
    /// One command at a time per contact key, for the consumer and for the router (which forwards them in order). With
    /// <paramref name="retryInPartition"/>, a failed attempt is retried while the contact's next command waits.
    /// </summary>
    internal static void PartitionByContact<TConsumer>(IConsumerConfigurator<TConsumer> consumer, IPartitioner partitioner, ChannelRegistry channels,
        Action<IRetryConfigurator>? retryInPartition = null) where TConsumer : class
    {
        new ContactPartitioning<TConsumer>(consumer, partitioner, channels, retryInPartition)
            .ByContact<SendText>(m => m.AccountId, m => m.To)
            .ByContact<SendMedia>(m => m.AccountId, m => m.To)
            .ByContact<SendTemplate>(m => m.AccountId, m => m.To)
            .ByContact<SendInteractive>(m => m.AccountId, m => m.To)
            .ByContact<SendReaction>(m => m.AccountId, m => m.To)
            .ByContact<SendLocation>(m => m.AccountId, m => m.To)
            .ByContact<SendContacts>(m => m.AccountId, m => m.To)
            .ByContact<ShowTyping>(m => m.AccountId, m => m.To);
    }

    /// <summary>What is worth trying again: another delivery's lease, Redis or the database away.</summary>
    internal static void Retry(IRetryConfigurator retry, TimeSpan[] intervals)
    {
        retry.Intervals(intervals);
        retry.Handle<CommandInFlightException>();
        // The ledger holds the outcome: the retry finds it and publishes it again.
        retry.Handle<OutcomeNotPublishedException>();
        retry.Handle<RedisException>();
        // Not a RedisException: a call queued while Redis is away times out (found by the fault suite).
        retry.Handle<RedisTimeoutException>();
        retry.Handle<System.Data.Common.DbException>();
        // A template's session change kept losing its compare-and-set; the ledger replays the outcome, the change is tried again.
        retry.Handle<Sessions.SessionConflictException>();
    }
}
