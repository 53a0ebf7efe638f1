using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Scaling;
using MassTransit;

namespace Conecta.Channels.Outbound;

/// <summary>
/// With Bus:Topology:Partitions, what reads conecta-outbound: each command goes on to its contact's partition queue, where
/// <see cref="OutboundCommandsConsumer"/> works it. A MarkAsRead names no contact: its message id spreads it.
/// </summary>
internal sealed class OutboundCommandsRouter(PartitionRouter router, ChannelRegistry channels) :
    IConsumer<SendText>, IConsumer<SendMedia>, IConsumer<SendTemplate>, IConsumer<MarkAsRead>,
    IConsumer<SendInteractive>, IConsumer<SendReaction>, IConsumer<SendLocation>, IConsumer<SendContacts>, IConsumer<ShowTyping>
{
    public Task Consume(ConsumeContext<SendText> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<SendMedia> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<SendTemplate> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<MarkAsRead> context) =>
        router.ForwardAsync(context, OutboundCommandsConsumerDefinition.QueueName, context.Message.AccountId + "|" + context.Message.ProviderMessageId);

    public Task Consume(ConsumeContext<SendInteractive> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<SendReaction> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<SendLocation> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<SendContacts> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<ShowTyping> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    private Task ForwardAsync<T>(ConsumeContext<T> context, string accountId, string to) where T : class =>
        router.ForwardAsync(context, OutboundCommandsConsumerDefinition.QueueName, channels.PartitionKeyOf(accountId, to));
}

internal sealed class OutboundCommandsRouterDefinition(ChannelRegistry channels, Microsoft.Extensions.Options.IOptions<BusTopologyOptions> topology)
    : CommandsRouterDefinition<OutboundCommandsRouter>(OutboundCommandsConsumerDefinition.QueueName, channels, topology)
{
    protected override void PartitionByContact(IConsumerConfigurator<OutboundCommandsRouter> consumer, IPartitioner partitioner)
    {
        OutboundCommandsConsumerDefinition.PartitionByContact(consumer, partitioner, Channels, PartitionRouter.Retry);
        // Not partitioned (it names no contact); its retry is per message all the same (see ContactPartitioning).
#pragma warning disable CS0618
        consumer.Message<MarkAsRead>(m => m.UseRetry(PartitionRouter.Retry));
#pragma warning restore CS0618
    }
}
