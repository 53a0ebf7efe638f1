namespace Conecta.Channels.Dedup;

/// <summary>The embedded stand-in for Redis: one process, same contract, entries expire on the same schedule.</summary>
internal sealed class InProcessDedupStore(TimeProvider clock) : IDedupStore
{
    private const string Delivered = "done";
    private readonly Dictionary<Guid, (string Owner, DateTimeOffset ExpiresAt)> _entries = [];
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public Task<DedupClaim> ClaimAsync(IReadOnlyList<Guid> eventIds, TimeSpan lease, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        HashSet<Guid> claimed = [], delivered = [], inFlight = [];
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            SweepExpired(now);
            foreach (var id in eventIds)
            {
                if (_entries.TryGetValue(id, out var entry) && entry.ExpiresAt > now)
                {
                    (entry.Owner == Delivered ? delivered : inFlight).Add(id);
                    continue;
                }
                _entries[id] = (owner, now + lease);
                claimed.Add(id);
            }
        }
        return Task.FromResult(new DedupClaim(owner, claimed, delivered, inFlight));
    }

    public Task MarkDeliveredAsync(IReadOnlyList<Guid> eventIds, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expiresAt = clock.GetUtcNow() + retention;
            foreach (var id in eventIds) _entries[id] = (Delivered, expiresAt);
        }
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(DedupClaim claim, IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var id in eventIds)
                if (_entries.TryGetValue(id, out var entry) && entry.Owner == claim.Owner) _entries.Remove(id);
        }
        return Task.CompletedTask;
    }

    // Bounded memory without a timer: expired entries are dropped at most once a minute, on use.
    private void SweepExpired(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now.AddMinutes(1);
        foreach (var (id, entry) in _entries.ToList())
            if (entry.ExpiresAt <= now) _entries.Remove(id);
    }
}
