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

/// <summary>The shared queue's name and bindings of the single-instance topology; one active router, in contact order.</summary>
internal sealed class OutboundCommandsRouterDefinition : ConsumerDefinition<OutboundCommandsRouter>
{
    private readonly ChannelRegistry _channels;
    private readonly int _prefetch;

    public OutboundCommandsRouterDefinition(ChannelRegistry channels, Microsoft.Extensions.Options.IOptions<BusTopologyOptions> topology)
    {
        _channels = channels;
        _prefetch = topology.Value.RouterPrefetch;
        EndpointName = OutboundCommandsConsumerDefinition.QueueName;
        ConcurrentMessageLimit = _prefetch;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<OutboundCommandsRouter> consumer, IRegistrationContext context)
    {
        PartitionRouter.ConfigureEndpoint(endpoint, _prefetch);
        OutboundCommandsConsumerDefinition.PartitionByContact(consumer, endpoint.CreatePartitioner(_prefetch), _channels,
            PartitionRouter.Retry);
        // Not partitioned (it names no contact); its retry is per message all the same (see ContactPartitioning).
#pragma warning disable CS0618
        consumer.Message<MarkAsRead>(m => m.UseRetry(PartitionRouter.Retry));
#pragma warning restore CS0618
    }
}
