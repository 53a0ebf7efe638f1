using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Outbound;

/// <summary>
/// The read side of a command's delivery: each status the provider reports for one of our messages (correlated to its
/// command by the webhook) is kept in the ledger as the command's latest, the highest one winning. Kept in the webhook
/// that brought the status, after it is on the broker and before it is marked delivered, rather than by consuming a
/// second persisted copy of every status.
/// </summary>
internal sealed class CommandStatuses(ICommandLedger ledger, IOptions<OutboundOptions> options)
{
    public async Task<NotApplied> RecordAsync(IReadOnlyList<MessageStatusChanged> statuses, CancellationToken cancellationToken)
    {
        var ours = statuses.Where(s => s.CommandId is not null).ToList();
        if (ours.Count == 0) return NotApplied.None;
        var errors = await Task.WhenAll(ours.Select(status => RecordAsync(status, cancellationToken)));
        return NotApplied.Of(ours, errors, status => [status.EventId]);
    }

    private async Task<Exception?> RecordAsync(MessageStatusChanged status, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.RecordStatusAsync(status.CommandId!.Value, new DeliveryStatus(status.Status, status.OccurredAt, status.FailureReason),
                options.Value.OutcomeRetention, cancellationToken);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
