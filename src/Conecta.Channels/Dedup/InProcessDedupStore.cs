using Conecta.Channels.Hosting;

namespace Conecta.Channels.Dedup;

/// <summary>The embedded stand-in for Redis: one process, same contract, entries expire on the same schedule.</summary>
internal sealed class InProcessDedupStore(TimeProvider clock) : IDedupStore
{
    private const string Delivered = "done";
    // Each id's owner: the claim that holds it, or Delivered.
    private readonly ExpiringEntries<Guid, string> _entries = new(clock);
    private readonly Lock _gate = new();

    public Task<DedupClaim> ClaimAsync(IReadOnlyList<Guid> eventIds, TimeSpan lease, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        HashSet<Guid> claimed = [], delivered = [], inFlight = [];
        lock (_gate)
        {
            foreach (var id in eventIds)
            {
                if (_entries.TryGet(id, out var holder))
                {
                    (holder == Delivered ? delivered : inFlight).Add(id);
                    continue;
                }
                _entries.Set(id, owner, lease);
                claimed.Add(id);
            }
        }
        return Task.FromResult(new DedupClaim(owner, claimed, delivered, inFlight));
    }

    public Task MarkDeliveredAsync(IReadOnlyList<Guid> eventIds, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var id in eventIds) _entries.Set(id, Delivered, retention);
        }
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(DedupClaim claim, IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var id in eventIds)
                if (_entries.TryGet(id, out var holder) && holder == claim.Owner) _entries.Remove(id);
        }
        return Task.CompletedTask;
    }
}
