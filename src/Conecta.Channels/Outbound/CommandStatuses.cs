using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Preferences;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Outbound;

/// <summary>
/// The read side of a command's delivery, and the order of its statuses downstream. Each status the provider reports for one of
/// our messages (correlated to its command by the webhook) is kept in the ledger as the command's latest, the highest one
/// winning, before the status is published: one that ranks below what the command already holds (a "delivered" after its
/// "read", which Meta does send) goes out flagged <see cref="MessageStatusChanged.Superseded"/>, so nobody downstream moves the
/// message backwards, while its timestamp is still told. Kept in the webhook that brought the status rather than by consuming a
/// second persisted copy of every status. A status that failed because the contact stopped marketing messages (WhatsApp 131050)
/// records the opt-out too.
/// </summary>
internal sealed class CommandStatuses(ICommandLedger ledger, MarketingPreferences preferences, IOptions<OutboundOptions> options)
{
    /// <returns>The events, a status that a higher one outranks flagged; and the statuses that could not be recorded, not to be published.</returns>
    public async Task<(IReadOnlyList<InboundEvent> Events, NotApplied NotRecorded)> OrderAsync(IReadOnlyList<InboundEvent> events,
        CancellationToken cancellationToken)
    {
        var ours = events.Where(e => e.Message is MessageStatusChanged { CommandId: not null }).ToList();
        if (ours.Count == 0) return (events, NotApplied.None);
        var recorded = await Task.WhenAll(ours.Select(e => RecordAsync((MessageStatusChanged)e.Message, cancellationToken)));
        var superseded = ours.Where((_, i) => recorded[i].Behind).Select(e => e.EventId).ToHashSet();
        var ordered = superseded.Count == 0
            ? events
            : events.Select(e => superseded.Contains(e.EventId)
                ? InboundEvent.Of(e.EventId, (MessageStatusChanged)e.Message with { Superseded = true })
                : e).ToList();
        return (ordered, NotApplied.Of(ours, recorded.Select(r => r.Error).ToList(), e => [e.EventId]));
    }

    private async Task<(bool Behind, Exception? Error)> RecordAsync(MessageStatusChanged status, CancellationToken cancellationToken)
    {
        try
        {
            var delivery = new DeliveryStatus(status.Status, status.OccurredAt, status.FailureReason);
            var kept = await ledger.RecordStatusAsync(status.CommandId!.Value, delivery, options.Value.OutcomeRetention, cancellationToken);
            if (status.FailureReason == RejectionReason.OptedOut)
                await preferences.RecordRefusalAsync(status.AccountId, status.Recipient.ContactKey, status.OccurredAt, cancellationToken);
            return (kept.Rank > delivery.Rank, null);
        }
        catch (Exception e)
        {
            return (false, e);
        }
    }
}
