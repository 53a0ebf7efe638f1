using StackExchange.Redis;

namespace Conecta.Channels.RateLimits;

/// <summary>
/// One sorted set of recorded sends per key, on Redis's clock. The rule of <see cref="SlidingWindow"/>
/// runs atomically in Redis: the send is recorded if it may go now, otherwise Redis says how long to
/// wait and the caller asks again then.
/// </summary>
internal sealed class RedisRateLimiter(IConnectionMultiplexer redis, TimeProvider clock) : IRateLimiter
{
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
        if count >= limit then
          earliest = tonumber(redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')[2]) + window + 1
        end
        if earliest - now > notAfterIn then return -1 end
        if earliest > now then return earliest - now end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], window + 1000)
        return 0
        """;

    public async Task<DateTimeOffset?> AcquireAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        RedisKey[] keys = ["conecta:rate:" + key];
        var member = Guid.NewGuid().ToString("N");
        while (true)
        {
            // The deadline travels as "milliseconds from now", so the two clocks never have to agree.
            var notAfterIn = (long)Math.Min((notAfter - clock.GetUtcNow()).TotalMilliseconds, long.MaxValue / 2);
            var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, keys,
                [limit.Limit, (long)limit.Window.TotalMilliseconds, notAfterIn, member]);
            if (wait < 0) return null;
            if (wait == 0) return clock.GetUtcNow();
            await Task.Delay(TimeSpan.FromMilliseconds(wait), clock, cancellationToken);
        }
    }
}
