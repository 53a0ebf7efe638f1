using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Sessions;
using MassTransit;

namespace Conecta.Channels.Outbound;

/// <summary>The outcome's publish was not confirmed in time; the retry publishes the recorded outcome again.</summary>
internal sealed class OutcomeNotPublishedException(Guid commandId, Exception inner)
    : Exception($"The outcome of command {commandId} was not confirmed by the broker in time", inner);

/// <summary>
/// Thin: each command goes through the pipeline and its one outcome is published. A template that reached the contact
/// is also told to the contact's session (after an expired window it waits for the reply again).
/// </summary>
internal sealed class OutboundCommandsConsumer(OutboundPipeline pipeline, SessionTransitions sessions, ChannelRegistry channels) :
    IConsumer<SendText>, IConsumer<SendMedia>, IConsumer<SendTemplate>, IConsumer<MarkAsRead>,
    IConsumer<SendInteractive>, IConsumer<SendReaction>, IConsumer<SendLocation>, IConsumer<SendContacts>, IConsumer<ShowTyping>
{
    /// <summary>
    /// Bounded: when the broker dies, RabbitMQ.Client 7.2.2 can leave a publish waiting for its confirm forever (its
    /// GH-1960 shutdown deadlock, fixed upstream after 7.2.2), and MassTransit restarts this endpoint only once every
    /// delivery in progress is done — one stuck publish stopped all outbound sends in the fault suite.
    /// </summary>
    internal static readonly TimeSpan OutcomePublishTimeout = TimeSpan.FromSeconds(30);

    public Task Consume(ConsumeContext<SendText> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<SendMedia> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public async Task Consume(ConsumeContext<SendTemplate> context)
    {
        var outcome = await pipeline.ProcessAsync(OutboundCommand.From(context.Message), context.CancellationToken);
        // Before the outcome: a redelivery (the ledger replays the outcome) applies it again, which changes nothing twice.
        if (outcome.Accepted is { To: { } to } sent && channels.Find(sent.Channel) is { } channel &&
            SessionTransitions.KeyOf(channel, sent.AccountId, to) is { } key)
            await sessions.ApplyAsync(key, new TemplateAccepted(sent.CommandId, sent.ProviderMessageId),
                SessionPublishing.To(context, context.CancellationToken), context.CancellationToken);
        await PublishAsync(context, outcome);
    }

    public Task Consume(ConsumeContext<MarkAsRead> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<SendInteractive> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<SendReaction> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<SendLocation> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<SendContacts> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    public Task Consume(ConsumeContext<ShowTyping> context) => HandleAsync(context, OutboundCommand.From(context.Message));

    private async Task HandleAsync(ConsumeContext context, OutboundCommand command) =>
        await PublishAsync(context, await pipeline.ProcessAsync(command, context.CancellationToken));

    /// <summary>The outcome's EventId is its MessageId: a republished outcome is recognizably the same one.</summary>
    internal static async Task PublishAsync(ConsumeContext context, CommandOutcome outcome)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(OutcomePublishTimeout);
        try
        {
            if (outcome.Accepted is { } accepted)
                await context.Publish(accepted, publish => publish.MessageId = accepted.EventId, timeout.Token);
            else
                await context.Publish(outcome.Rejected!, publish => publish.MessageId = outcome.Rejected!.EventId, timeout.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new OutcomeNotPublishedException(outcome.Accepted?.CommandId ?? outcome.Rejected!.CommandId, e);
        }
    }
}
