using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using MassTransit;
using StackExchange.Redis;

namespace Conecta.Channels.Sessions;

/// <summary>
/// One command at a time per contact (partitioned on the session key), so two commands for the same contact never
/// race on one instance; the compare-and-set covers other instances and the contact's messages (applied in the webhook). Conflicts, a command
/// another delivery holds, and Redis outages are retried in memory.
/// </summary>
internal sealed class SessionsConsumerDefinition : ConsumerDefinition<SessionsConsumer>
{
    public const string QueueName = "conecta-sessions";
    private const int Concurrency = 64;
    private readonly IReadOnlyList<IChannelPolicy> _policies;

    public SessionsConsumerDefinition(IEnumerable<IChannelPolicy> policies)
    {
        _policies = policies.ToList();
        EndpointName = QueueName;
        ConcurrentMessageLimit = Concurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<SessionsConsumer> consumer, IRegistrationContext context)
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
        consumer.Message<StartActiveContact>(m => m.UsePartitioner(partitioner, c => PartitionKey(c.Message.AccountId, c.Message.To)));
        consumer.Message<NotifyParticipantChange>(m => m.UsePartitioner(partitioner, c => PartitionKey(c.Message.AccountId, c.Message.To)));
        consumer.Message<EndSession>(m => m.UsePartitioner(partitioner, c => PartitionKey(c.Message.AccountId, c.Message.To)));
    }

    // Partitioning cannot look the account's channel up, so the first channel that reads the recipient names its key: the
    // key is the same for every command to one contact, and the compare-and-set keeps any rare cross-partition race correct.
    private string PartitionKey(string accountId, string to) =>
        new SessionKey(accountId, _policies.Select(policy => policy.ContactKeyOf(to)).FirstOrDefault(key => key is not null) ?? to).ToString();
}
