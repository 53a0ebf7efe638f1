using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Sessions;
using Conecta.Channels.Scaling;
using MassTransit;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Conecta.Channels.Outbound;

/// <summary>
/// One command at a time per contact (partitioned on the contact's key, <see cref="ChannelRegistry.PartitionKeyOf"/>), so two
/// commands for the same contact never race on one instance; the compare-and-set covers other instances and the contact's
/// messages (applied in the webhook). Conflicts, a command another delivery holds, and Redis outages are retried in memory.
/// With Bus:Topology:Partitions it consumes the partition queues, so one instance at a time runs a contact's transitions.
/// </summary>
internal sealed class ConversationCommandsConsumerDefinition : ConsumerDefinition<ConversationCommandsConsumer>
{
    /// <summary>The queue's name from the release that kept these commands in Sessions: the platform sends to it.</summary>
    public const string QueueName = "conecta-sessions";
    private const int Concurrency = 64;
    private readonly ChannelRegistry _channels;
    private readonly int _concurrency;
    private readonly bool _partitioned;

    public ConversationCommandsConsumerDefinition(ChannelRegistry channels, IOptions<BusTopologyOptions> topology)
    {
        _channels = channels;
        _partitioned = topology.Value.Partitioned;
        _concurrency = _partitioned ? topology.Value.PartitionPrefetch : Concurrency;
        EndpointName = QueueName;
        ConcurrentMessageLimit = _concurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ConversationCommandsConsumer> consumer, IRegistrationContext context)
    {
        endpoint.PrefetchCount = _concurrency;
        var partitioner = endpoint.CreatePartitioner(_concurrency);
        if (_partitioned)
            // Inside the contact's partition on a partition queue (see the outbound definition).
            PartitionByContact(consumer, partitioner, _channels, Retry);
        else
        {
            endpoint.UseMessageRetry(Retry);
            PartitionByContact(consumer, partitioner, _channels);
        }
    }

    private static void Retry(IRetryConfigurator retry)
    {
        retry.Intervals(200, 1_000, 5_000, 15_000, 30_000, 60_000, 60_000);
        retry.Handle<SessionConflictException>();
        retry.Handle<CommandInFlightException>();
        retry.Handle<RedisException>();
        retry.Handle<RedisTimeoutException>(); // a TimeoutException, not a RedisException
        // EndSession and the participant notices look the account up.
        retry.Handle<System.Data.Common.DbException>();
    }

    /// <summary>One command at a time per contact key, for the consumer and for the router (see the outbound one).</summary>
    internal static void PartitionByContact<TConsumer>(IConsumerConfigurator<TConsumer> consumer, IPartitioner partitioner, ChannelRegistry channels,
        Action<IRetryConfigurator>? retryInPartition = null) where TConsumer : class
    {
        new ContactPartitioning<TConsumer>(consumer, partitioner, channels, retryInPartition)
            .ByContact<StartActiveContact>(m => m.AccountId, m => m.To)
            .ByContact<NotifyParticipantChange>(m => m.AccountId, m => m.To)
            .ByContact<EndSession>(m => m.AccountId, m => m.To);
    }
}
