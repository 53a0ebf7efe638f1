using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conecta.Channels.Bench.Faults;

/// <summary>
/// The downstream consumer's books, as a core-platform consumer keeps them: every message it receives is
/// deduplicated by EventId (the contract's promise: a retried webhook or a redelivered command yields the same
/// id). What it counts:
/// raw duplicates — a message whose EventId was already processed (dropped by the consumer's dedup), split into
/// broker redeliveries (the consumer's ack was lost, e.g. in a broker restart) and messages the service
/// published again;
/// duplicated after dedup — a business key (an update, a command) that arrived under two different EventIds, so
/// the consumer's dedup cannot catch it. That is the number that must be 0.
/// </summary>
internal sealed class DeliveryTally
{
    private readonly ConcurrentDictionary<Guid, (string Key, string Kind)> _events = new();
    private readonly ConcurrentDictionary<string, KeyRecord> _keys = new();
    private readonly ConcurrentBag<long> _republishedAt = [];
    private long _received;
    private long _brokerRedeliveries;
    private long _republished;
    private long _conflicting;
    private long _lastReceived = Stopwatch.GetTimestamp();

    private sealed class KeyRecord(Guid firstEvent, long firstAt, string kind)
    {
        public Guid FirstEvent { get; } = firstEvent;
        public long FirstAt { get; } = firstAt;
        public string Kind { get; } = kind;
        public int OtherEvents;
    }

    public long Received => Interlocked.Read(ref _received);

    public long RawDuplicates => BrokerRedeliveries + Republished;

    public long BrokerRedeliveries => Interlocked.Read(ref _brokerRedeliveries);

    public long Republished => Interlocked.Read(ref _republished);

    /// <summary>Unix ms of each message the service published again (same EventId, not a broker redelivery).</summary>
    public IReadOnlyCollection<long> RepublishedAt => _republishedAt;

    public int DistinctKeys => _keys.Count;

    /// <summary>Messages whose EventId was seen before with another key or kind: dedup by EventId would drop a different message.</summary>
    public long Conflicting => Interlocked.Read(ref _conflicting);

    public double SecondsSinceLastMessage => Stats.SecondsSince(Interlocked.Read(ref _lastReceived));

    /// <summary>Keys that arrived under more than one EventId: duplicates the consumer's dedup cannot remove.</summary>
    public int DuplicatedAfterDedup => _keys.Values.Count(k => Volatile.Read(ref k.OtherEvents) > 0);

    /// <param name="kind">What the event said (e.g. Accepted / Rejected: NotAuthorized), kept for the first event of a key.</param>
    /// <returns>True when the consumer processes it (first time this EventId is seen).</returns>
    public bool Record(Guid eventId, string key, bool redelivered, string kind = "")
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _received);
        Interlocked.Exchange(ref _lastReceived, now);
        if (!_events.TryAdd(eventId, (key, kind)))
        {
            // Same EventId, other content (e.g. Rejected then Accepted): the consumer's dedup would hide a real difference.
            if (_events.TryGetValue(eventId, out var first) && (first.Key != key || first.Kind != kind)) Interlocked.Increment(ref _conflicting);
            if (redelivered)
            {
                Interlocked.Increment(ref _brokerRedeliveries);
            }
            else
            {
                Interlocked.Increment(ref _republished);
                _republishedAt.Add(Stats.UnixMs());
            }
            return false;
        }
        var record = _keys.GetOrAdd(key, _ => new KeyRecord(eventId, now, kind));
        if (record.FirstEvent != eventId) Interlocked.Increment(ref record.OtherEvents);
        return true;
    }

    public bool Has(string key) => _keys.ContainsKey(key);

    /// <summary>Stopwatch timestamp of the key's first arrival, or null.</summary>
    public long? FirstArrival(string key) => _keys.TryGetValue(key, out var r) ? r.FirstAt : null;

    public string? KindOf(string key) => _keys.TryGetValue(key, out var r) ? r.Kind : null;

    public IEnumerable<string> Keys => _keys.Keys;
}
