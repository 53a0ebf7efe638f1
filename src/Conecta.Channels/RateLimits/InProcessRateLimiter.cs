namespace Conecta.Channels.RateLimits;

/// <summary>The embedded stand-in for Redis: the same rule, on the process's <see cref="TimeProvider"/>.</summary>
internal sealed class InProcessRateLimiter(TimeProvider clock) : IRateLimiter
{
    private readonly Dictionary<string, List<long>> _slots = [];
    private readonly Lock _gate = new();
    private long _nextSweepMs;

    public Task<DateTimeOffset?> ReserveAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        var windowMs = (long)limit.Window.TotalMilliseconds;
        lock (_gate)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            SweepIdleKeys(now, windowMs);
            if (!_slots.TryGetValue(key, out var slots)) _slots[key] = slots = [];
            slots.RemoveAll(s => s < now - windowMs - 1);
            var slot = SlidingWindow.EarliestSlot(slots, limit.Limit, windowMs, now);
            if (slot > notAfter.ToUnixTimeMilliseconds()) return Task.FromResult<DateTimeOffset?>(null);
            slots.Add(slot);
            return Task.FromResult<DateTimeOffset?>(DateTimeOffset.FromUnixTimeMilliseconds(slot));
        }
    }

    // Bounded memory without a timer: keys whose slots are all long past are dropped once a minute, on use.
    private void SweepIdleKeys(long nowMs, long windowMs)
    {
        if (nowMs < _nextSweepMs) return;
        _nextSweepMs = nowMs + 60_000;
        foreach (var (key, slots) in _slots.ToList())
            if (slots.Count == 0 || slots[^1] < nowMs - Math.Max(windowMs, 60_000)) _slots.Remove(key);
    }
}
