using Conecta.Channels.Hosting;

namespace Conecta.Channels.Sessions;

/// <summary>The embedded stand-in for Redis: one lock makes each save and each take atomic, as the Lua scripts do.</summary>
internal sealed class InProcessSessionStore(TimeProvider clock) : ISessionStore
{
    private readonly ExpiringEntries<SessionKey, Session> _sessions = new(clock);
    private readonly Dictionary<SessionKey, DateTimeOffset> _schedule = [];
    private readonly Lock _gate = new();

    public Task<Session?> FindAsync(SessionKey key, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_sessions.TryGet(key, out var session) ? session : null);
    }

    public Task<bool> TrySaveAsync(Session next, TimeSpan retention, CancellationToken cancellationToken)
    {
        var key = new SessionKey(next.AccountId, next.ContactKey);
        lock (_gate)
        {
            if ((_sessions.TryGet(key, out var stored) ? stored.Version : 0) != next.Version) return Task.FromResult(false);
            _sessions.Set(key, next with { Version = next.Version + 1 }, retention);
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
                if (!_sessions.TryGet(key, out _))
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
}
