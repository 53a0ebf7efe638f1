using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using MassTransit;
using StackExchange.Redis;

namespace Conecta.Channels.Sessions;

/// <summary>
/// One message at a time per contact (partitioned on the session key), so a reply and a command for the same
/// contact never race on one instance; the compare-and-set covers other instances. Conflicts, a command
/// another delivery holds, and Redis outages are retried in memory.
/// </summary>
internal sealed class SessionsConsumerDefinition : ConsumerDefinition<SessionsConsumer>
{
    public const string QueueName = "conecta-sessions";
    private const int Concurrency = 64;

    public SessionsConsumerDefinition()
    {
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
        });
        var partitioner = endpoint.CreatePartitioner(Concurrency);
        consumer.Message<StartActiveContact>(m => m.UsePartitioner(partitioner, c => PartitionKey(c.Message.AccountId, c.Message.To)));
        consumer.Message<NotifyParticipantChange>(m => m.UsePartitioner(partitioner, c => PartitionKey(c.Message.AccountId, c.Message.To)));
        consumer.Message<EndSession>(m => m.UsePartitioner(partitioner, c => PartitionKey(c.Message.AccountId, c.Message.To)));
        consumer.Message<InboundMessageReceived>(m => m.UsePartitioner(partitioner, c => c.Message.AccountId + "|" + c.Message.Contact.ContactKey));
    }

    private static string PartitionKey(string accountId, string to) => (SessionTransitions.KeyOf(accountId, to) ?? new SessionKey(accountId, to)).ToString();
}
