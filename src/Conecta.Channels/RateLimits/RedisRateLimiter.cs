using System.Collections.Concurrent;
using Conecta.Channels.Hosting;
using StackExchange.Redis;

namespace Conecta.Channels.RateLimits;

/// <summary>
/// One sorted set of recorded sends per key, on Redis's clock. The rule of <see cref="SlidingWindow"/>
/// runs atomically in Redis: the send is recorded if it may go now or within the booking horizon,
/// otherwise Redis says how long to wait and the caller asks again then. A key's sends and its hold carry the key as
/// their hash tag, so the script's two keys share a slot on a Redis Cluster.
/// </summary>
internal sealed class RedisRateLimiter(IConnectionMultiplexer redis, TimeProvider clock) : IRateLimiter
{
    // A few turns per smooth key in this process: its waiters queue here, so a busy number costs one
    // Redis call per send instead of every waiter asking again at each freed slot, and the turns
    // book the next slots side by side (a round trip each) rather than one after another.
    private const int TurnsPerKey = 4;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new();
    private static readonly TimeSpan MaxTurnWait = TimeSpan.FromDays(1);

    // Returns {0, ms}: recorded for now + ms (ms ≤ the booking horizon); {1, ms}: full (or held), ask
    // again in ms; {2, 0}: the earliest moment is after notAfter. KEYS[2] is the key's hold, if any.
    private const string AcquireScript = """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local notAfterIn = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window - 1)
        local count = redis.call('ZCARD', KEYS[1])
        local earliest = now
        if count > 0 then
          local spaced = tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]) + tonumber(ARGV[5])
          if spaced > earliest then earliest = spaced end
        end
        if count >= limit then
          local back = tonumber(redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')[2]) + window + tonumber(ARGV[6])
          if back > earliest then earliest = back end
        end
        local held = redis.call('PTTL', KEYS[2])
        if held > 0 and now + held > earliest then earliest = now + held end
        local wait = earliest - now
        if wait > notAfterIn then return {2, 0} end
        if wait > tonumber(ARGV[7]) then return {1, wait} end
        redis.call('ZADD', KEYS[1], earliest, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], window + wait + 1000)
        return {0, wait}
        """;

    // Keeps the longer of the hold there is and this one.
    private const string HoldScript = """
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
        return 1
        """;

    public Task HoldAsync(string key, TimeSpan duration, CancellationToken cancellationToken) =>
        redis.GetDatabase().ScriptEvaluateAsync(HoldScript, [HoldKey(key)], [(long)Math.Ceiling(duration.TotalMilliseconds)]);

    internal static RedisKey HoldKey(string key) => "conecta:rate-hold:" + RedisSlots.Tag(key);

    internal static RedisKey SendsKey(string key) => "conecta:rate:" + RedisSlots.Tag(key);

    /// <summary>The acquire script's keys: the sends and the hold, one slot.</summary>
    internal static RedisKey[] BookKeys(string key) => [SendsKey(key), HoldKey(key)];

    public async Task<DateTimeOffset?> AcquireAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        if (!limit.Smooth) return await GoAtBookedAsync(await BookAsync(key, limit, notAfter, cancellationToken), cancellationToken);
        var turn = _turns.GetOrAdd(key, _ => new SemaphoreSlim(TurnsPerKey, TurnsPerKey));
        var untilDeadline = notAfter - clock.GetUtcNow();
        if (untilDeadline <= TimeSpan.Zero ||
            !await turn.WaitAsync(untilDeadline > MaxTurnWait ? MaxTurnWait : untilDeadline, cancellationToken))
            return null;
        (DateTimeOffset At, TimeSpan Wait)? booked;
        try
        {
            booked = await BookAsync(key, limit, notAfter, cancellationToken);
        }
        finally
        {
            // The wait for a booked slot happens outside the turn: the next waiter books the slot after it.
            turn.Release();
        }
        return await GoAtBookedAsync(booked, cancellationToken);
    }

    private async Task<DateTimeOffset?> GoAtBookedAsync((DateTimeOffset At, TimeSpan Wait)? booked, CancellationToken cancellationToken)
    {
        if (booked is not { } slot) return null;
        if (slot.Wait > TimeSpan.Zero) await Task.Delay(slot.Wait, clock, cancellationToken);
        return slot.At;
    }

    /// <returns>The booked moment (on this process's clock) and how long until it; null when it would be after <paramref name="notAfter"/>.</returns>
    private async Task<(DateTimeOffset At, TimeSpan Wait)?> BookAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        var keys = BookKeys(key);
        var member = Guid.NewGuid().ToString("N");
        while (true)
        {
            // The deadline travels as "milliseconds from now", so the two clocks never have to agree.
            var notAfterIn = (long)Math.Min((notAfter - clock.GetUtcNow()).TotalMilliseconds, long.MaxValue / 2);
            var answer = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, keys,
                [limit.Limit, (long)limit.Window.TotalMilliseconds, notAfterIn, member, limit.MinGapMs,
                 SlidingWindow.GuardMs((long)limit.Window.TotalMilliseconds), limit.ReserveAheadMs]))!;
            var (status, ms) = ((long)answer[0], (long)answer[1]);
            if (status == 2) return null;
            var wait = TimeSpan.FromMilliseconds(ms);
            if (status == 0) return (clock.GetUtcNow() + wait, wait);
            // A timer sleeps a few milliseconds at best: for a gap that short, ask again at once.
            if (ms <= 2) await Task.Yield();
            else await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
