using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Outbound;

/// <summary>
/// Gives statuses the CommandId of the send that produced them. Our sends carry it in
/// biz_opaque_callback_data (mapped directly); for a status without it, the ledger's
/// provider-message → command record is the fallback.
/// </summary>
internal sealed partial class StatusCorrelation(ICommandLedger ledger, ILogger<StatusCorrelation> logger)
{
    public async Task<IReadOnlyList<InboundEvent>> CorrelateAsync(IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken)
    {
        var uncorrelated = events.Where(e => e.Message is MessageStatusChanged { CommandId: null }).ToList();
        if (uncorrelated.Count == 0) return events;
        try
        {
            var found = new Dictionary<Guid, Guid>();
            foreach (var account in uncorrelated.GroupBy(e => ((MessageStatusChanged)e.Message).AccountId))
            {
                var statuses = account.ToList();
                var commandIds = await ledger.FindCommandsAsync(account.Key,
                    statuses.Select(e => ((MessageStatusChanged)e.Message).ProviderMessageId).ToList(), cancellationToken);
                for (var i = 0; i < statuses.Count; i++)
                    if (commandIds[i] is { } commandId) found[statuses[i].EventId] = commandId;
            }
            return found.Count == 0
                ? events
                : events.Select(e => found.TryGetValue(e.EventId, out var commandId)
                    ? InboundEvent.Of(e.EventId, (MessageStatusChanged)e.Message with { CommandId = commandId })
                    : e).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Correlation enriches; it must never cost a status its delivery.
            LogCorrelationFailed(logger, e);
            return events;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status correlation unavailable; statuses published without CommandId")]
    private static partial void LogCorrelationFailed(ILogger logger, Exception exception);
}
