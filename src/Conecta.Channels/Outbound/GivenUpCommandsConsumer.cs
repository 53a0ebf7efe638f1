using Conecta.Channels.Contracts.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Outbound;

/// <summary>
/// One outcome even for a command whose deliveries all failed: MassTransit publishes a Fault when
/// the retries run out (the command itself goes to the error queue), and this answers it with the
/// outcome the ledger holds, or a retryable ProcessingFailed.
/// </summary>
internal sealed class GivenUpCommandsConsumer(OutboundPipeline pipeline) :
    IConsumer<Fault<SendText>>, IConsumer<Fault<SendMedia>>, IConsumer<Fault<SendTemplate>>, IConsumer<Fault<MarkAsRead>>,
    IConsumer<Fault<SendInteractive>>, IConsumer<Fault<SendReaction>>, IConsumer<Fault<SendLocation>>, IConsumer<Fault<SendContacts>>,
    IConsumer<Fault<ShowTyping>>
{
    public Task Consume(ConsumeContext<Fault<SendText>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    public Task Consume(ConsumeContext<Fault<SendMedia>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    public Task Consume(ConsumeContext<Fault<SendTemplate>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    public Task Consume(ConsumeContext<Fault<MarkAsRead>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    public Task Consume(ConsumeContext<Fault<SendInteractive>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    public Task Consume(ConsumeContext<Fault<SendReaction>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    public Task Consume(ConsumeContext<Fault<SendLocation>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    public Task Consume(ConsumeContext<Fault<SendContacts>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    public Task Consume(ConsumeContext<Fault<ShowTyping>> context) => GiveUpAsync(context, context.Message, OutboundCommand.From(context.Message.Message));

    private async Task GiveUpAsync(ConsumeContext context, Fault fault, OutboundCommand command)
    {
        var why = fault.Exceptions is [var last, ..] ? last.ExceptionType.Split('.')[^1] : "unknown error";
        var outcome = await pipeline.GiveUpAsync(command, why, context.CancellationToken);
        await OutboundCommandsConsumer.PublishAsync(context, outcome);
    }
}

/// <summary>Its own queue and the same retries: the ledger it needs may still be away when the fault arrives.</summary>
internal sealed class GivenUpCommandsConsumerDefinition : ConsumerDefinition<GivenUpCommandsConsumer>
{
    private readonly TimeSpan[] _retries;

    public GivenUpCommandsConsumerDefinition(IOptions<OutboundOptions> options)
    {
        _retries = options.Value.Retries;
        EndpointName = OutboundCommandsConsumerDefinition.QueueName + "-given-up";
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<GivenUpCommandsConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseMessageRetry(retry => OutboundCommandsConsumerDefinition.Retry(retry, _retries));
}
