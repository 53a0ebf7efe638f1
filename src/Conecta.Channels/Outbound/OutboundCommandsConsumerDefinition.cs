using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using MassTransit;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Conecta.Channels.Outbound;

/// <summary>
/// Transport policy of the outbound endpoint: many commands at once (waiting for a rate-limit slot
/// holds no thread), one at a time per contact (partitioned on its key, <see cref="ChannelRegistry.PartitionKeyOf"/>, so
/// a contact gets messages in the order they were sent however its number is spelled), and in-memory retries for a
/// command another delivery is still working on.
/// </summary>
internal sealed class OutboundCommandsConsumerDefinition : ConsumerDefinition<OutboundCommandsConsumer>
{
    public const string QueueName = "conecta-outbound";
    private readonly int _concurrency;
    private readonly TimeSpan[] _retries;
    private readonly ChannelRegistry _channels;

    public OutboundCommandsConsumerDefinition(IOptions<OutboundOptions> options, ChannelRegistry channels)
    {
        _channels = channels;
        _concurrency = options.Value.ConcurrentCommands;
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
        endpoint.UseMessageRetry(retry => Retry(retry, _retries));
        var partitioner = endpoint.CreatePartitioner(_concurrency);
        consumer.Message<SendText>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<SendMedia>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<SendTemplate>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<SendInteractive>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<SendReaction>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<SendLocation>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<SendContacts>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<ShowTyping>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
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
