using Conecta.Channels.Dedup;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Dedup;

/// <summary>The contract on Redis: <see cref="SingleRedisDedupStoreTests"/> on one server, <see cref="RedisClusterDedupStoreTests"/> on a cluster.</summary>
public abstract class RedisDedupStoreTests(ConnectionMultiplexer redis) : DedupStoreContract, IDisposable
{
    private protected ConnectionMultiplexer Redis { get; } = redis;

    private protected override IDedupStore Store => new RedisDedupStore(Redis);

    private protected override Task LetLeaseExpireAsync(TimeSpan lease) => Task.Delay(lease + TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task Delivered_keys_expire_after_the_retention()
    {
        var id = Guid.NewGuid();
        await Store.MarkDeliveredAsync([id], TimeSpan.FromDays(8), default);

        var ttl = await Redis.GetDatabase().KeyTimeToLiveAsync(RedisDedupStore.Keys([id])[0]);

        Assert.InRange(ttl!.Value, TimeSpan.FromDays(8) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(8));
    }

    public void Dispose()
    {
        Redis.Dispose();
        GC.SuppressFinalize(this);
    }
}

[Collection(ServersCollection.Name)]
public sealed class SingleRedisDedupStoreTests() : RedisDedupStoreTests(ConnectionMultiplexer.Connect(Servers.Redis));

[Collection(ServersCollection.Name)]
public sealed class RedisClusterDedupStoreTests() : RedisDedupStoreTests(RedisCluster.Connect())
{
    [Fact]
    public async Task A_batch_spread_over_every_master_is_claimed_marked_and_released_id_by_id()
    {
        var ids = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToArray();
        var masters = ids.Select(id => Redis.GetServers()[0].ClusterConfiguration!.GetBySlot(RedisDedupStore.Keys([id])[0])!.EndPoint)
            .Distinct().Count();
        var delivered = ids[..20];
        var released = ids[20..40];

        var first = await Store.ClaimAsync(ids, TimeSpan.FromSeconds(30), default);
        await Store.MarkDeliveredAsync(delivered, TimeSpan.FromDays(8), default);
        await Store.ReleaseAsync(first, released, default);
        var fresh = Guid.NewGuid();
        var second = await Store.ClaimAsync([.. ids, fresh], TimeSpan.FromSeconds(30), default);

        Assert.Equal(3, masters);
        Assert.Equal(ids.ToHashSet(), first.Claimed.ToHashSet());
        Assert.Equal(delivered.ToHashSet(), second.AlreadyDelivered.ToHashSet());
        Assert.Equal(released.Append(fresh).ToHashSet(), second.Claimed.ToHashSet());
        Assert.Equal(ids[40..].ToHashSet(), second.InFlight.ToHashSet());
        var stored = await Task.WhenAll(delivered.Select(id => Redis.GetDatabase().StringGetAsync(RedisDedupStore.Keys([id])[0])));
        Assert.All(stored, value => Assert.Equal("done", value));
    }
}

public sealed class InProcessDedupStoreTests : DedupStoreContract
{
    private readonly FakeTimeProvider _clock = new();

    public InProcessDedupStoreTests() => Store = new InProcessDedupStore(_clock);

    private protected override IDedupStore Store { get; }

    private protected override Task LetLeaseExpireAsync(TimeSpan lease)
    {
        _clock.Advance(lease + TimeSpan.FromMilliseconds(1));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Delivered_entries_are_forgotten_after_the_retention()
    {
        var id = Guid.NewGuid();
        await Store.MarkDeliveredAsync([id], TimeSpan.FromDays(8), default);

        _clock.Advance(TimeSpan.FromDays(8) + TimeSpan.FromSeconds(1));
        var claim = await Store.ClaimAsync([id], TimeSpan.FromSeconds(30), default);

        Assert.Equal([id], claim.Claimed);
    }
}
