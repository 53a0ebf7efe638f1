using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Scaling;
using MassTransit;

namespace Conecta.Channels.Outbound;

/// <summary>
/// With Bus:Topology:Partitions, what reads conecta-sessions: each command goes on to its contact's partition queue (the
/// same partition as the contact's sends), where <see cref="ConversationCommandsConsumer"/> works it.
/// </summary>
internal sealed class ConversationCommandsRouter(PartitionRouter router, ChannelRegistry channels) :
    IConsumer<StartActiveContact>, IConsumer<NotifyParticipantChange>, IConsumer<EndSession>
{
    public Task Consume(ConsumeContext<StartActiveContact> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<NotifyParticipantChange> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    public Task Consume(ConsumeContext<EndSession> context) => ForwardAsync(context, context.Message.AccountId, context.Message.To);

    private Task ForwardAsync<T>(ConsumeContext<T> context, string accountId, string to) where T : class =>
        router.ForwardAsync(context, ConversationCommandsConsumerDefinition.QueueName, channels.PartitionKeyOf(accountId, to));
}

internal sealed class ConversationCommandsRouterDefinition(ChannelRegistry channels, Microsoft.Extensions.Options.IOptions<BusTopologyOptions> topology)
    : CommandsRouterDefinition<ConversationCommandsRouter>(ConversationCommandsConsumerDefinition.QueueName, channels, topology)
{
    protected override void PartitionByContact(IConsumerConfigurator<ConversationCommandsRouter> consumer, IPartitioner partitioner) =>
        ConversationCommandsConsumerDefinition.PartitionByContact(consumer, partitioner, Channels, PartitionRouter.Retry);
}
