using Conecta.Channels.Contracts.Commands;
using MassTransit;

namespace Conecta.Channels.Outbound;

/// <summary>Thin: each command goes through the pipeline and its one outcome is published.</summary>
internal sealed class OutboundCommandsConsumer(OutboundPipeline pipeline) :
    IConsumer<SendText>, IConsumer<SendMedia>, IConsumer<SendTemplate>, IConsumer<MarkAsRead>
{
    public Task Consume(ConsumeContext<SendText> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<SendMedia> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<SendTemplate> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<MarkAsRead> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    private async Task HandleAsync(ConsumeContext context, OutboundCommand command) =>
        await PublishAsync(context, await pipeline.ProcessAsync(command, context.CancellationToken));

    /// <summary>The outcome's EventId is its MessageId: a republished outcome is recognizably the same one.</summary>
    internal static async Task PublishAsync(ConsumeContext context, CommandOutcome outcome)
    {
        if (outcome.Accepted is { } accepted)
            await context.Publish(accepted, publish => publish.MessageId = accepted.EventId);
        else
            await context.Publish(outcome.Rejected!, publish => publish.MessageId = outcome.Rejected!.EventId);
    }
}
