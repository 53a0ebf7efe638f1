using Conecta.Channels.Dedup;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels;

internal sealed class InboundOptions
{
    public const string Section = "Inbound";

    /// <summary>How long a delivered EventId is remembered. Meta retries for up to 7 days.</summary>
    public TimeSpan DedupRetention { get; set; } = TimeSpan.FromDays(8);

    /// <summary>How long one request holds its claim on an EventId while publishing (a crashed instance lets go after this).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a publish may wait for the broker's confirm before the webhook answers 503.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <param name="Published">Events put on the broker by this call.</param>
/// <param name="Duplicates">Events already delivered earlier (a provider retry), not published again.</param>
/// <param name="Pending">Events not made durable: in flight in another request, or the broker or dedup store failed.</param>
internal sealed record DeliveryOutcome(int Published, int Duplicates, int Pending)
{
    public bool AllDelivered => Pending == 0;
}

/// <summary>
/// The channel-agnostic inbound path: claim each EventId, publish the claimed events with
/// publisher confirms, then mark them delivered. At-least-once to the broker, deduplicated by
/// EventId; a duplicate reaches consumers only when an instance dies between the broker's
/// confirm and the mark (the claim lease then expires and the provider's retry publishes again,
/// with the same EventId).
/// </summary>
internal sealed partial class InboundDelivery(
    IDedupStore dedup,
    IBus bus,
    IOptions<InboundOptions> options,
    InboundMetrics metrics,
    ILogger<InboundDelivery> logger)
{
    public async Task<DeliveryOutcome> DeliverAsync(string channel, IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken)
    {
        var unique = events.DistinctBy(e => e.EventId).ToList();
        if (unique.Count == 0) return new DeliveryOutcome(0, 0, 0);

        DedupClaim claim;
        try
        {
            claim = await dedup.ClaimAsync(unique.Select(e => e.EventId).ToList(), options.Value.ClaimLease, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDedupUnavailable(logger, channel, e);
            return new DeliveryOutcome(0, 0, unique.Count);
        }

        var toPublish = unique.Where(e => claim.Claimed.Contains(e.EventId)).ToList();
        var results = await Task.WhenAll(toPublish.Select(e => TryPublishAsync(e, cancellationToken)));

        var published = toPublish.Where((_, i) => results[i]).Select(e => e.EventId).ToList();
        var failed = toPublish.Where((_, i) => !results[i]).Select(e => e.EventId).ToList();
        await SettleAsync(claim, published, failed);

        var outcome = new DeliveryOutcome(published.Count, claim.AlreadyDelivered.Count, failed.Count + claim.InFlight.Count);
        metrics.Record(channel, outcome);
        if (!outcome.AllDelivered) LogNotDurable(logger, channel, outcome.Pending, unique.Count);
        return outcome;
    }

    private async Task<bool> TryPublishAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await inbound.PublishAsync(bus, timeout.Token);
            return true;
        }
        catch (Exception e)
        {
            LogPublishFailed(logger, inbound.Message.GetType().Name, inbound.EventId, e.Message);
            return false;
        }
    }

    // Marks and releases must happen even when the caller has gone away: they use no request token.
    private async Task SettleAsync(DedupClaim claim, List<Guid> published, List<Guid> failed)
    {
        try
        {
            if (published.Count > 0) await dedup.MarkDeliveredAsync(published, options.Value.DedupRetention, CancellationToken.None);
            if (failed.Count > 0) await dedup.ReleaseAsync(claim, failed, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Published but not marked: a provider retry may publish these again, with the same EventIds.
            LogMarkFailed(logger, published.Count, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dedup store unavailable; {Channel} webhook not accepted")]
    private static partial void LogDedupUnavailable(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publish of {MessageType} {EventId} failed: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string messageType, Guid eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pending} of {Total} {Channel} events not durable; the provider must retry")]
    private static partial void LogNotDurable(ILogger logger, string channel, int pending, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} published events could not be marked delivered; a retry may duplicate them")]
    private static partial void LogMarkFailed(ILogger logger, int count, Exception exception);
}
