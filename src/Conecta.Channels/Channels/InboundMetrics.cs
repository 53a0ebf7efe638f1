using System.Diagnostics.Metrics;
using Conecta.Channels.Hosting;

namespace Conecta.Channels.Channels;

/// <summary>What a webhook request came to: accepted, or why not (the HTTP answer in brackets).</summary>
internal enum WebhookOutcome
{
    Accepted,
    /// <summary>The channel's signature or secret did not match (401).</summary>
    Forged,
    /// <summary>Over the channel's body limit (413).</summary>
    TooLarge,
    /// <summary>The accounts could not be read (503).</summary>
    AccountsUnavailable,
    /// <summary>An account the channel says may appear soon (503, the provider retries).</summary>
    UnknownAccount,
    /// <summary>A dead letter could not be stored (503).</summary>
    DeadLetterStoreUnavailable,
    /// <summary>The channel could not record the contacts (503).</summary>
    ChannelStoreUnavailable,
    /// <summary>Not every event was made durable: dedup store, broker, sessions or statuses (503).</summary>
    NotDurable,
}

/// <summary>What makes a webhook a dead letter.</summary>
internal enum DeadLetterKind
{
    /// <summary>Signed, but the channel could not read (all of) it.</summary>
    Unreadable,
    /// <summary>Readable, for an account nobody registered.</summary>
    Unroutable,
}

/// <summary>
/// The inbound path's instruments: webhooks by outcome, events published and dropped as duplicates, the broker's confirm
/// latency, dead letters. Label values come from fixed tables (no per-call strings) and never carry a contact, an account
/// or a message id.
/// </summary>
internal sealed class InboundMetrics
{
    private static readonly string[] Outcomes =
        ["ok", "forged", "too_large", "accounts_unavailable", "unknown_account", "dead_letter_store_unavailable", "channel_store_unavailable", "not_durable"];
    private static readonly string[] DeadLetterKinds = ["unreadable", "unroutable"];

    private readonly Counter<long> _webhooks;
    private readonly Counter<long> _published;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _pending;
    private readonly Histogram<double> _confirms;
    private readonly Counter<long> _deadLetters;

    public InboundMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetrySetup.MeterName);
        _webhooks = meter.CreateCounter<long>("conecta.webhooks.received", "{request}", "Webhook requests, by channel and outcome");
        _published = meter.CreateCounter<long>("conecta.inbound.events.published", "{event}", "Webhook events put on the broker");
        _duplicates = meter.CreateCounter<long>("conecta.inbound.events.duplicates", "{event}", "Provider retries dropped by EventId (dedup hits)");
        _pending = meter.CreateCounter<long>("conecta.inbound.events.pending", "{event}", "Events not made durable (webhook answered 503)");
        _confirms = meter.CreateHistogram("conecta.events.publish.duration", "s", "From a publish to the broker's confirm, per event",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _deadLetters = meter.CreateCounter<long>("conecta.dead_letters", "{webhook}", "Webhooks kept as dead letters (a retry of one counts again; it is stored once)");
    }

    public void Webhook(string channel, WebhookOutcome outcome) =>
        _webhooks.Add(1, new("channel", channel), new("result", outcome == WebhookOutcome.Accepted ? "accepted" : "rejected"),
            new("reason", Outcomes[(int)outcome]));

    public void Delivered(string channel, DeliveryOutcome outcome)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel);
        _published.Add(outcome.Published, tag);
        _duplicates.Add(outcome.Duplicates, tag);
        _pending.Add(outcome.Pending, tag);
    }

    /// <param name="type">The event's contract name (a fixed set).</param>
    public void Confirmed(string type, TimeSpan elapsed, bool confirmed) =>
        _confirms.Record(elapsed.TotalSeconds, new("type", type), new("result", confirmed ? "confirmed" : "failed"));

    public void DeadLettered(string channel, DeadLetterKind kind) =>
        _deadLetters.Add(1, new("channel", channel), new("kind", DeadLetterKinds[(int)kind]));
}
