namespace Conecta.Channels.RateLimits;

/// <summary>The embedded stand-in for Redis: the same rule, on the process's <see cref="TimeProvider"/>.</summary>
internal sealed class InProcessRateLimiter(TimeProvider clock) : IRateLimiter
{
    private readonly Dictionary<string, List<long>> _sends = [];
    private readonly Lock _gate = new();
    private long _nextSweepMs;

    public async Task<DateTimeOffset?> AcquireAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        var windowMs = (long)limit.Window.TotalMilliseconds;
        while (true)
        {
            long wait, at;
            bool booked;
            lock (_gate)
            {
                var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
                SweepIdleKeys(now, windowMs);
                if (!_sends.TryGetValue(key, out var sends)) _sends[key] = sends = [];
                sends.RemoveAll(s => s < now - windowMs - 1);
                var earliest = SlidingWindow.EarliestSend(sends, limit.Limit, windowMs, now, limit.MinGapMs);
                if (earliest > notAfter.ToUnixTimeMilliseconds()) return null;
                (at, wait) = (earliest, earliest - now);
                booked = wait <= limit.ReserveAheadMs;
                if (booked) sends.Add(at);
            }
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), clock, cancellationToken);
            if (booked) return DateTimeOffset.FromUnixTimeMilliseconds(at);
        }
    }

    /// <summary>Moves a recorded send to when it really happened (later), so the sends after it are timed from then.</summary>
    public void Restamp(string key, DateTimeOffset recorded, DateTimeOffset happened)
    {
        lock (_gate)
        {
            if (!_sends.TryGetValue(key, out var sends)) return;
            var index = sends.IndexOf(recorded.ToUnixTimeMilliseconds());
            if (index < 0) return;
            sends.RemoveAt(index);
            var at = happened.ToUnixTimeMilliseconds();
            var position = sends.BinarySearch(at);
            sends.Insert(position < 0 ? ~position : position, at);
        }
    }

    // Bounded memory without a timer: keys whose sends are all long past are dropped once a minute, on use.
    private void SweepIdleKeys(long nowMs, long windowMs)
    {
        if (nowMs < _nextSweepMs) return;
        _nextSweepMs = nowMs + 60_000;
        foreach (var (key, sends) in _sends.ToList())
            if (sends.Count == 0 || sends[^1] < nowMs - Math.Max(windowMs, 60_000)) _sends.Remove(key);
    }
}
