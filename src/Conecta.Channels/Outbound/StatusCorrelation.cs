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
        if (!events.Any(e => e.Message is MessageStatusChanged { CommandId: null })) return events;
        try
        {
            return await Task.WhenAll(events.Select(e => CorrelateAsync(e, cancellationToken)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Correlation enriches; it must never cost a status its delivery.
            LogCorrelationFailed(logger, e);
            return events;
        }
    }

    private async Task<InboundEvent> CorrelateAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        if (inbound.Message is not MessageStatusChanged { CommandId: null } status) return inbound;
        var commandId = await ledger.FindCommandAsync(status.AccountId, status.ProviderMessageId, cancellationToken);
        return commandId is null ? inbound : InboundEvent.Of(inbound.EventId, status with { CommandId = commandId });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status correlation unavailable; statuses published without CommandId")]
    private static partial void LogCorrelationFailed(ILogger logger, Exception exception);
}
