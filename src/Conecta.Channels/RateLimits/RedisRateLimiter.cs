using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Conecta.Channels.RateLimits;

/// <summary>
/// One sorted set of recorded sends per key, on Redis's clock. The rule of <see cref="SlidingWindow"/>
/// runs atomically in Redis: the send is recorded if it may go now, otherwise Redis says how long to
/// wait and the caller asks again then.
/// </summary>
internal sealed class RedisRateLimiter(IConnectionMultiplexer redis, TimeProvider clock) : IRateLimiter
{
    // One turn per smooth key in this process: its waiters queue here, so a busy number costs one
    // Redis call per send instead of every waiter asking again at each freed slot.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new();
    private static readonly TimeSpan MaxTurnWait = TimeSpan.FromDays(1);

    // Returns {0} when recorded now, {ms to wait} when full, {-1} when the wait ends after notAfter.
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
        if earliest - now > notAfterIn then return -1 end
        if earliest > now then return earliest - now end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], window + 1000)
        return 0
        """;

    public async Task<DateTimeOffset?> AcquireAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        if (!limit.Smooth) return await AcquireFromRedisAsync(key, limit, notAfter, cancellationToken);
        var turn = _turns.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        var untilDeadline = notAfter - clock.GetUtcNow();
        if (untilDeadline <= TimeSpan.Zero ||
            !await turn.WaitAsync(untilDeadline > MaxTurnWait ? MaxTurnWait : untilDeadline, cancellationToken))
            return null;
        try
        {
            return await AcquireFromRedisAsync(key, limit, notAfter, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<DateTimeOffset?> AcquireFromRedisAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        RedisKey[] keys = ["conecta:rate:" + key];
        var member = Guid.NewGuid().ToString("N");
        while (true)
        {
            // The deadline travels as "milliseconds from now", so the two clocks never have to agree.
            var notAfterIn = (long)Math.Min((notAfter - clock.GetUtcNow()).TotalMilliseconds, long.MaxValue / 2);
            var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, keys,
                [limit.Limit, (long)limit.Window.TotalMilliseconds, notAfterIn, member, limit.MinGapMs,
                 SlidingWindow.GuardMs((long)limit.Window.TotalMilliseconds)]);
            if (wait < 0) return null;
            if (wait == 0) return clock.GetUtcNow();
            // A timer sleeps a few milliseconds at best: for a gap that short, ask again at once.
            if (wait <= 2) await Task.Yield();
            else await Task.Delay(TimeSpan.FromMilliseconds(wait), clock, cancellationToken);
        }
    }
}
