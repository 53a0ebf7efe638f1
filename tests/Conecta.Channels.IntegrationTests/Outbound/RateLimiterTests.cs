using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Outbound;

[Collection(ServersCollection.Name)]
public sealed class RedisRateLimiterTests : RateLimiterContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(Servers.Redis);
    private readonly KeptSchedule _kept;

    public RedisRateLimiterTests() => Limiter = _kept = new KeptSchedule(new RedisRateLimiter(_redis, TimeProvider.System), _redis.GetDatabase());

    private protected override IRateLimiter Limiter { get; }

    private protected override IReadOnlyList<DateTimeOffset> KeptSlots(string key, IReadOnlyList<DateTimeOffset> returned) => _kept.Of(key);

    public void Dispose() => _redis.Dispose();

    /// <summary>
    /// Reads the key's sorted set ("conecta:rate:{key}", slots in unix ms on Redis's clock) after every
    /// reservation: the script drops slots older than a window on each call, so on a slow machine the
    /// start of a burst would be gone before the end of it could be compared with it.
    /// </summary>
    private sealed class KeptSchedule(IRateLimiter limiter, IDatabase redis) : IRateLimiter
    {
        private readonly Dictionary<string, Dictionary<RedisValue, double>> _slots = [];

        public async Task<DateTimeOffset?> ReserveAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken)
        {
            var slot = await limiter.ReserveAsync(key, limit, notAfter, cancellationToken);
            if (!_slots.TryGetValue(key, out var kept)) _slots[key] = kept = [];
            foreach (var entry in await redis.SortedSetRangeByRankWithScoresAsync("conecta:rate:" + key)) kept[entry.Element] = entry.Score;
            return slot;
        }

        public IReadOnlyList<DateTimeOffset> Of(string key) =>
            [.. _slots.GetValueOrDefault(key, []).Values.Order().Select(ms => DateTimeOffset.FromUnixTimeMilliseconds((long)ms))];
    }
}

public sealed class InProcessRateLimiterTests : RateLimiterContract
{
    public InProcessRateLimiterTests() => Limiter = new InProcessRateLimiter(new FakeTimeProvider());

    private protected override IRateLimiter Limiter { get; }
}
