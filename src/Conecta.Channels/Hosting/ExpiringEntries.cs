using System.Diagnostics.CodeAnalysis;

namespace Conecta.Channels.Hosting;

/// <summary>
/// How the embedded mode's stand-ins for Redis forget, all of them alike: each entry expires on the process's
/// <see cref="TimeProvider"/>, as a Redis key with a TTL does. An expired entry reads as absent at once, and expired entries
/// are dropped at most once a minute, on any read or write, so memory stays bounded without a timer. Not thread-safe: each stand-in holds
/// its own lock around what must be atomic, as its Lua script is in Redis.
/// </summary>
internal sealed class ExpiringEntries<TKey, TValue>(TimeProvider clock) where TKey : notnull
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly Dictionary<TKey, (TValue Value, DateTimeOffset ExpiresAt)> _entries = [];
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var now = clock.GetUtcNow();
        Sweep(now);
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
        {
            value = entry.Value;
            return true;
        }
        value = default;
        return false;
    }

    public void Set(TKey key, TValue value, TimeSpan timeToLive)
    {
        var now = clock.GetUtcNow();
        Sweep(now);
        _entries[key] = (value, now + timeToLive);
    }

    /// <summary>How many entries are held, the expired ones not yet dropped included.</summary>
    public int Count => _entries.Count;

    public void Remove(TKey key) => _entries.Remove(key);

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + SweepInterval;
        foreach (var (key, entry) in _entries.ToList())
            if (entry.ExpiresAt <= now) _entries.Remove(key);
    }
}
