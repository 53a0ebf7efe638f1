using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Sessions;
using MassTransit;
using StackExchange.Redis;

namespace Conecta.Channels.Outbound;

/// <summary>
/// One command at a time per contact (partitioned on the contact's key, <see cref="ChannelRegistry.PartitionKeyOf"/>), so two
/// commands for the same contact never race on one instance; the compare-and-set covers other instances and the contact's
/// messages (applied in the webhook). Conflicts, a command another delivery holds, and Redis outages are retried in memory.
/// </summary>
internal sealed class ConversationCommandsConsumerDefinition : ConsumerDefinition<ConversationCommandsConsumer>
{
    /// <summary>The queue's name from the release that kept these commands in Sessions: the platform sends to it.</summary>
    public const string QueueName = "conecta-sessions";
    private const int Concurrency = 64;
    private readonly ChannelRegistry _channels;

    public ConversationCommandsConsumerDefinition(ChannelRegistry channels)
    {
        _channels = channels;
        EndpointName = QueueName;
        ConcurrentMessageLimit = Concurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ConversationCommandsConsumer> consumer, IRegistrationContext context)
    {
        endpoint.PrefetchCount = Concurrency;
        endpoint.UseMessageRetry(retry =>
        {
            retry.Intervals(200, 1_000, 5_000, 15_000, 30_000, 60_000, 60_000);
            retry.Handle<SessionConflictException>();
            retry.Handle<CommandInFlightException>();
            retry.Handle<RedisException>();
            retry.Handle<RedisTimeoutException>(); // a TimeoutException, not a RedisException
            // EndSession and the participant notices look the account up.
            retry.Handle<System.Data.Common.DbException>();
        });
        var partitioner = endpoint.CreatePartitioner(Concurrency);
        consumer.Message<StartActiveContact>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<NotifyParticipantChange>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
        consumer.Message<EndSession>(m => m.UsePartitioner(partitioner, c => _channels.PartitionKeyOf(c.Message.AccountId, c.Message.To)));
    }
}
