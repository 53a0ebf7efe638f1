namespace Conecta.Channels.Sessions;

/// <summary>The embedded stand-in for Redis: one lock makes each save and each take atomic, as the Lua scripts do.</summary>
internal sealed class InProcessSessionStore(TimeProvider clock) : ISessionStore
{
    private readonly Dictionary<SessionKey, (Session Session, DateTimeOffset ExpiresAt)> _sessions = [];
    private readonly Dictionary<SessionKey, DateTimeOffset> _schedule = [];
    private readonly Lock _gate = new();

    public Task<Session?> FindAsync(SessionKey key, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(Live(key));
    }

    public Task<bool> TrySaveAsync(Session next, TimeSpan retention, CancellationToken cancellationToken)
    {
        var key = new SessionKey(next.AccountId, next.ContactKey);
        lock (_gate)
        {
            if ((Live(key)?.Version ?? 0) != next.Version) return Task.FromResult(false);
            _sessions[key] = (next with { Version = next.Version + 1 }, clock.GetUtcNow() + retention);
            if (next is { State: SessionState.Open, WindowEndsAt: { } endsAt }) _schedule[key] = endsAt;
            else _schedule.Remove(key);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<SessionKey>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var due = _schedule.Where(entry => entry.Value <= now).OrderBy(entry => entry.Value).Take(max).Select(entry => entry.Key).ToList();
            var taken = new List<SessionKey>(due.Count);
            foreach (var key in due)
            {
                // A session forgotten after its retention leaves the schedule instead of coming back after every lease.
                if (Live(key) is null)
                {
                    _schedule.Remove(key);
                    continue;
                }
                _schedule[key] = now + lease;
                taken.Add(key);
            }
            return Task.FromResult<IReadOnlyList<SessionKey>>(taken);
        }
    }

    private Session? Live(SessionKey key)
    {
        if (!_sessions.TryGetValue(key, out var entry)) return null;
        if (entry.ExpiresAt > clock.GetUtcNow()) return entry.Session;
        _sessions.Remove(key);
        return null;
    }
}
