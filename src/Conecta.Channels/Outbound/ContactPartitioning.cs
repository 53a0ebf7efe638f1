using Conecta.Channels.Channels;
using MassTransit;

namespace Conecta.Channels.Outbound;

/// <summary>
/// Puts each command type of one endpoint on that endpoint's in-memory partitioner by its contact key
/// (<see cref="ChannelRegistry.PartitionKeyOf"/>): one command at a time per contact, in arrival order. With a retry in the
/// partition, a failed attempt is tried again while the contact's next command waits (the router's forwards).
/// </summary>
internal sealed class ContactPartitioning<TConsumer>(IConsumerConfigurator<TConsumer> consumer, IPartitioner partitioner,
    ChannelRegistry channels, Action<IRetryConfigurator>? retryInPartition) where TConsumer : class
{
    public ContactPartitioning<TConsumer> ByContact<T>(Func<T, string> account, Func<T, string> to) where T : class
    {
        consumer.Message<T>(m =>
        {
            m.UsePartitioner(partitioner, c => channels.PartitionKeyOf(account(c.Message), to(c.Message)));
            // The retry filter for one message pipe, inside the partition: MassTransit marks it obsolete in favour of the
            // endpoint-wide UseMessageRetry, which would run outside the partitioner and let the next command overtake.
#pragma warning disable CS0618
            if (retryInPartition is not null) m.UseRetry(retryInPartition);
#pragma warning restore CS0618
        });
        return this;
    }
}
