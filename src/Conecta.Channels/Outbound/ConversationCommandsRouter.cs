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

/// <summary>The shared queue's name and bindings of the single-instance topology; one active router, in contact order.</summary>
internal sealed class ConversationCommandsRouterDefinition : ConsumerDefinition<ConversationCommandsRouter>
{
    private readonly ChannelRegistry _channels;
    private readonly int _prefetch;

    public ConversationCommandsRouterDefinition(ChannelRegistry channels, Microsoft.Extensions.Options.IOptions<BusTopologyOptions> topology)
    {
        _channels = channels;
        _prefetch = topology.Value.RouterPrefetch;
        EndpointName = ConversationCommandsConsumerDefinition.QueueName;
        ConcurrentMessageLimit = _prefetch;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ConversationCommandsRouter> consumer, IRegistrationContext context)
    {
        PartitionRouter.ConfigureEndpoint(endpoint, _prefetch);
        ConversationCommandsConsumerDefinition.PartitionByContact(consumer, endpoint.CreatePartitioner(_prefetch), _channels,
            PartitionRouter.Retry);
    }
}
