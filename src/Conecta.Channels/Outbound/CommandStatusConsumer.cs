using Conecta.Channels.Contracts.Events;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Outbound;

/// <summary>
/// The read side of a command's delivery: each status the provider reports for one of our messages (correlated to its
/// command by the webhook) is kept in the ledger as the command's latest, the highest one winning.
/// </summary>
internal sealed class CommandStatusConsumer(ICommandLedger ledger, IOptions<OutboundOptions> options) : IConsumer<MessageStatusChanged>
{
    public async Task Consume(ConsumeContext<MessageStatusChanged> context)
    {
        if (context.Message is not { CommandId: { } commandId } status) return;
        await ledger.RecordStatusAsync(commandId, new DeliveryStatus(status.Status, status.OccurredAt, status.FailureReason),
            options.Value.OutcomeRetention, context.CancellationToken);
    }
}
