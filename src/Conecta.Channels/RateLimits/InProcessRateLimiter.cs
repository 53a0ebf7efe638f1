using Conecta.Channels.Hosting;

namespace Conecta.Channels.RateLimits;

/// <summary>The embedded stand-in for Redis: the same rule, on the process's <see cref="TimeProvider"/>.</summary>
internal sealed class InProcessRateLimiter(TimeProvider clock) : IRateLimiter
{
    // A key is forgotten once its last send is this far behind (or its window, if longer): nothing it holds can count then.
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(1);

    private readonly ExpiringEntries<string, Sends> _sends = new(clock);
    private readonly ExpiringEntries<string, long> _holds = new(clock);
    private readonly Lock _gate = new();

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
                if (!_sends.TryGet(key, out var sends)) sends = new Sends(limit.Window);
                sends.Times.RemoveAll(s => s < now - windowMs - 1);
                var earliest = SlidingWindow.EarliestSend(sends.Times, limit.Limit, windowMs, now, limit.MinGapMs);
                if (_holds.TryGet(key, out var heldUntil)) earliest = Math.Max(earliest, heldUntil);
                if (earliest > notAfter.ToUnixTimeMilliseconds()) return null;
                (at, wait) = (earliest, earliest - now);
                booked = wait <= limit.ReserveAheadMs;
                if (booked) sends.Times.Add(at);
                Keep(key, sends, now);
            }
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), clock, cancellationToken);
            if (booked) return DateTimeOffset.FromUnixTimeMilliseconds(at);
        }
    }

    public Task HoldAsync(string key, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var until = (clock.GetUtcNow() + duration).ToUnixTimeMilliseconds();
            if (!_holds.TryGet(key, out var held) || held < until) _holds.Set(key, until, duration);
        }
        return Task.CompletedTask;
    }

    /// <summary>Moves a recorded send to when it really happened (later), so the sends after it are timed from then.</summary>
    public void Restamp(string key, DateTimeOffset recorded, DateTimeOffset happened)
    {
        lock (_gate)
        {
            if (!_sends.TryGet(key, out var sends)) return;
            var index = sends.Times.IndexOf(recorded.ToUnixTimeMilliseconds());
            if (index < 0) return;
            sends.Times.RemoveAt(index);
            var at = happened.ToUnixTimeMilliseconds();
            var position = sends.Times.BinarySearch(at);
            sends.Times.Insert(position < 0 ? ~position : position, at);
            Keep(key, sends, clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    /// <summary>How many keys' sends and holds are held in memory, the expired ones not yet dropped included.</summary>
    internal int KeysKept
    {
        get
        {
            lock (_gate) return _sends.Count + _holds.Count;
        }
    }

    private void Keep(string key, Sends sends, long nowMs)
    {
        var last = sends.Times.Count == 0 ? nowMs : Math.Max(sends.Times[^1], nowMs);
        var idleAfter = sends.Window > IdleAfter ? sends.Window : IdleAfter;
        _sends.Set(key, sends, TimeSpan.FromMilliseconds(last - nowMs) + idleAfter);
    }

    /// <summary>One key's recorded sends (unix milliseconds, in order) and the window they are counted in.</summary>
    private sealed class Sends(TimeSpan window)
    {
        public TimeSpan Window { get; } = window;

        public List<long> Times { get; } = [];
    }
}
