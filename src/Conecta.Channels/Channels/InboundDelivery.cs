using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Dedup;
using Conecta.Channels.Sessions;
using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
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

    /// <summary>
    /// Publishes in flight at once, all webhooks together. A webhook may carry thousands of updates; published all
    /// at once they flood the broker connection (and the memory), and right after a broker restart thousands of
    /// publishes timing out together left the connection unable to publish anything for minutes.
    /// </summary>
    public int MaxPublishesInFlight { get; set; } = 256;
}

/// <param name="Published">Events put on the broker by this call.</param>
/// <param name="Duplicates">Events already delivered earlier (a provider retry), not published again.</param>
/// <param name="Pending">Events not made durable: in flight in another request, or the broker or dedup store failed.</param>
internal sealed record DeliveryOutcome(int Published, int Duplicates, int Pending)
{
    public bool AllDelivered => Pending == 0;
}

/// <summary>
/// The channel-agnostic inbound path: claim each EventId, record the statuses in their commands' delivery (flagging one a
/// higher status already outranks), publish the claimed events with publisher confirms, apply the contacts' messages to
/// their sessions (whose events are published the same way), then mark them delivered. At-least-once to the broker, deduplicated by EventId;
/// a duplicate reaches consumers only when an instance dies between the broker's confirm and the
/// mark (the claim lease then expires and the provider's retry publishes again, with the same
/// EventId), or when a message is published but its session cannot be stored (released, so the
/// provider's retry publishes it again and applies it).
/// </summary>
internal sealed partial class InboundDelivery(
    IDedupStore dedup,
    ContactMessages sessions,
    CommandStatuses statuses,
    IEventPublisher publisher,
    IOptions<InboundOptions> options,
    InboundMetrics metrics,
    TimeProvider clock,
    ILogger<InboundDelivery> logger) : IDisposable
{
    private readonly SemaphoreSlim _publishing = new(options.Value.MaxPublishesInFlight);

    public void Dispose() => _publishing.Dispose();

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

        // Statuses first take their place in their command's order (a late one is flagged, not published as a regression); one that
        // cannot be recorded is not published, and the provider's retry brings it again.
        var (ordered, notRecorded) = await statuses.OrderAsync(
            unique.Where(e => claim.Claimed.Contains(e.EventId)).ToList(), cancellationToken);
        var failed = new List<Guid>();
        if (notRecorded.EventIds.Count > 0)
        {
            LogNotApplied(logger, notRecorded.EventIds.Count, notRecorded.FirstError!);
            failed.AddRange(notRecorded.EventIds);
        }
        var toPublish = ordered.Where(e => !notRecorded.EventIds.Contains(e.EventId)).ToList();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        var results = await Task.WhenAll(toPublish.Select(e => TryPublishAsync(e.Message, e.EventId, timeout.Token)));

        var published = toPublish.Where((_, i) => results[i] is null).ToList();
        var unpublished = toPublish.Where((_, i) => results[i] is not null).Select(e => e.EventId).ToList();
        // One line per webhook, not one per event: a batch of thousands failing together is one failure.
        if (unpublished.Count > 0)
        {
            var first = toPublish.Select((e, i) => (e, Error: results[i])).First(r => r.Error is not null);
            LogPublishFailed(logger, unpublished.Count, toPublish.Count, first.e.Message.GetType().Name, first.e.EventId, first.Error!);
            failed.AddRange(unpublished);
        }

        // What the service itself keeps of the published messages: the contacts' sessions.
        var notApplied = await sessions.ApplyAsync(published.Select(e => e.Message).OfType<InboundMessageReceived>().ToList(),
            @event => PublishOrThrowAsync(@event, timeout.Token), timeout.Token);
        if (notApplied.EventIds.Count > 0)
        {
            LogNotApplied(logger, notApplied.EventIds.Count, notApplied.FirstError!);
            failed.AddRange(notApplied.EventIds);
            published = published.Where(e => !notApplied.EventIds.Contains(e.EventId)).ToList();
        }
        await SettleAsync(claim, published.Select(e => e.EventId).ToList(), failed);

        var outcome = new DeliveryOutcome(published.Count, claim.AlreadyDelivered.Count, failed.Count + claim.InFlight.Count);
        metrics.Delivered(channel, outcome);
        if (!outcome.AllDelivered) LogNotDurable(logger, channel, outcome.Pending, unique.Count);
        return outcome;
    }

    /// <returns>Null once the broker confirmed it, else why not.</returns>
    /// <param name="cancellationToken">Ends with the webhook's publish timeout, waiting for a slot included.</param>
    private async Task<string?> TryPublishAsync(object message, Guid eventId, CancellationToken cancellationToken)
    {
        try
        {
            await PublishOrThrowAsync(message, cancellationToken, eventId);
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    // The EventId doubles as the transport MessageId, so consumers can deduplicate on either. Timed from the publish (its
    // turn for a slot excluded) to the broker's confirm, whichever publisher: RabbitMQ's, or the embedded bus's.
    private async Task PublishOrThrowAsync(object message, CancellationToken cancellationToken, Guid? eventId = null)
    {
        await _publishing.WaitAsync(cancellationToken);
        var started = clock.GetTimestamp();
        var confirmed = false;
        try
        {
            await publisher.PublishAsync(message, eventId ?? SessionPublishing.EventIdOf(message), cancellationToken);
            confirmed = true;
        }
        finally
        {
            _publishing.Release();
            metrics.Confirmed(message.GetType().Name, clock.GetElapsedTime(started), confirmed);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} of {Total} publishes failed; the first, {MessageType} {EventId}: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, int failed, int total, string messageType, Guid eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} events could not be applied to the sessions or the command ledger; the provider must retry")]
    private static partial void LogNotApplied(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pending} of {Total} {Channel} events not durable; the provider must retry")]
    private static partial void LogNotDurable(ILogger logger, string channel, int pending, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} published events could not be marked delivered; a retry may duplicate them")]
    private static partial void LogMarkFailed(ILogger logger, int count, Exception exception);
}
