using System.Diagnostics.Metrics;

namespace Conecta.Channels.Channels;

/// <summary>Counters for dashboards: what inbound webhooks turned into.</summary>
internal sealed class InboundMetrics
{
    public const string MeterName = "Conecta.Channels";

    private readonly Counter<long> _published;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _pending;

    public InboundMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("conecta.inbound.events.published", description: "Events put on the broker");
        _duplicates = meter.CreateCounter<long>("conecta.inbound.events.duplicates", description: "Provider retries dropped by EventId");
        _pending = meter.CreateCounter<long>("conecta.inbound.events.pending", description: "Events not made durable (webhook answered 503)");
    }

    public void Record(string channel, DeliveryOutcome outcome)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel);
        _published.Add(outcome.Published, tag);
        _duplicates.Add(outcome.Duplicates, tag);
        _pending.Add(outcome.Pending, tag);
    }
}
