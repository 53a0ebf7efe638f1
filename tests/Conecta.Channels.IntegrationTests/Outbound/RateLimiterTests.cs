using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.RateLimits;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>The contract on Redis: <see cref="SingleRedisRateLimiterTests"/> on one server, <see cref="RedisClusterRateLimiterTests"/> on a cluster.</summary>
public abstract class RedisRateLimiterTests : RateLimiterContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly RecordingLimiter _recording;

    private protected RedisRateLimiterTests(ConnectionMultiplexer redis)
    {
        _redis = redis;
        Limiter = _recording = new RecordingLimiter(new RedisRateLimiter(_redis, TimeProvider.System), _redis.GetDatabase());
    }

    private protected override IRateLimiter Limiter { get; }

    private protected override IReadOnlyList<DateTimeOffset> Recorded(string key, IReadOnlyList<DateTimeOffset> returned) => _recording.Of(key);

    private protected override IRateLimiter LimiterOn(TimeProvider clock) => new RedisRateLimiter(_redis, clock);

    /// <summary>
    /// Reads the key's sorted set (<see cref="RedisRateLimiter.SendsKey"/>, sends in unix ms on Redis's clock) after every
    /// send: each call drops sends older than a window, so the start of a burst would be gone by its end.
    /// </summary>
    private sealed class RecordingLimiter(IRateLimiter limiter, IDatabase redis) : IRateLimiter
    {
        private readonly Dictionary<RedisValue, double> _sends = [];
        private readonly Lock _gate = new();

        public async Task<DateTimeOffset?> AcquireAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
        {
            var send = await limiter.AcquireAsync(key, limit, notAfter, cancellationToken);
            var recorded = await redis.SortedSetRangeByRankWithScoresAsync(RedisRateLimiter.SendsKey(key));
            lock (_gate)
                foreach (var entry in recorded) _sends[entry.Element] = entry.Score;
            return send;
        }

        public Task HoldAsync(string key, TimeSpan duration, CancellationToken cancellationToken) => limiter.HoldAsync(key, duration, cancellationToken);

        public IReadOnlyList<DateTimeOffset> Of(string key)
        {
            lock (_gate) return [.. _sends.Values.Order().Select(ms => DateTimeOffset.FromUnixTimeMilliseconds((long)ms))];
        }
    }

    public void Dispose()
    {
        _redis.Dispose();
        GC.SuppressFinalize(this);
    }
}

[Collection(ServersCollection.Name)]
public sealed class SingleRedisRateLimiterTests() : RedisRateLimiterTests(ConnectionMultiplexer.Connect(Servers.Redis));

[Collection(ServersCollection.Name)]
public sealed class RedisClusterRateLimiterTests() : RedisRateLimiterTests(RedisCluster.Connect());

public sealed class InProcessRateLimiterTests : RateLimiterContract
{
    private protected override IRateLimiter Limiter { get; } = new InProcessRateLimiter(TimeProvider.System);

    private protected override IRateLimiter LimiterOn(TimeProvider clock) => new InProcessRateLimiter(clock);
}
