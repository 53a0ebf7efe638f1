using StackExchange.Redis;

namespace Conecta.Channels.RateLimits;

/// <summary>One sorted set of reserved slots per key; the rule of <see cref="SlidingWindow"/> runs atomically in Redis on Redis's clock.</summary>
internal sealed class RedisRateLimiter(IConnectionMultiplexer redis, TimeProvider clock) : IRateLimiter
{

    private const string ReserveScript = """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local notAfter = tonumber(ARGV[3])
        local member = ARGV[4]
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window - 1)
        local count = redis.call('ZCARD', KEYS[1])
        local slot = now
        if count > 0 then
          local last = tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2])
          if last > slot then slot = last end
        end
        if count >= limit then
          local back = tonumber(redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')[2])
          if back + window + 1 > slot then slot = back + window + 1 end
        end
        if slot > notAfter then return {-1, now} end
        redis.call('ZADD', KEYS[1], slot, member)
        redis.call('PEXPIRE', KEYS[1], slot - now + window + 1000)
        return {slot, now}
        """;

    public async Task<DateTimeOffset?> ReserveAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(ReserveScript,
            [(RedisKey)("conecta:rate:" + key)],
            [limit.Limit, (long)limit.Window.TotalMilliseconds, notAfter.ToUnixTimeMilliseconds(), Guid.NewGuid().ToString("N")]))!;
        var after = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var slot = (long)result[0];
        if (slot < 0) return null;
        // The slot is on Redis's clock. Redis read its clock somewhere between our two readings: the
        // midpoint maps its time to ours within half a round trip, early or late alike, rather than
        // always late by the whole reply latency (which would shift some sends and not others).
        var offset = (before + after) / 2 - (long)result[1];
        return DateTimeOffset.FromUnixTimeMilliseconds(slot + offset);
    }
}
