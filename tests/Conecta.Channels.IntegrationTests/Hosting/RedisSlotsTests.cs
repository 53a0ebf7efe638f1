using Conecta.Channels.Dedup;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Sessions;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>The slots of the stores' keys as the cluster's client computes them, and how a batch is split by them.</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisSlotsTests : IDisposable
{
    private readonly ConnectionMultiplexer _cluster = RedisCluster.Connect();
    private readonly ConnectionMultiplexer _single = ConnectionMultiplexer.Connect(Servers.Redis);

    // The shapes of the names the stores see: phone numbers, BSUIDs, Telegram chats (negative for groups), pacing keys.
    private static readonly string[] Contacts =
        ["5531988887777", "bsuid:BR.1502576394655843", "-1001234567890", "111", "typing:106540352242922:5531988887777"];

    [Fact]
    public void Every_multi_key_script_of_the_rate_limiter_and_the_session_store_touches_one_slot()
    {
        var keySets = Contacts.SelectMany(contact => Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            RedisRateLimiter.BookKeys($"{1065 + i}:{contact}"),
            RedisRateLimiter.BookKeys($"{1065 + i}"),
            RedisSessionStore.SaveKeys(new SessionKey($"{1065 + i}", contact)),
        })).ToList();

        Assert.All(keySets, keys => Assert.Single(keys.Select(key => _cluster.HashSlot(key)).Distinct()));
        Assert.Equal(Contacts.Length * 50 * 3, keySets.Count);
    }

    [Fact]
    public void The_session_schedule_shards_fall_in_sixteen_slots_spread_over_every_master()
    {
        var slots = Enumerable.Range(0, RedisSlots.Shards).Select(shard => _cluster.HashSlot(RedisSessionStore.ScheduleKey(shard))).ToList();
        var masters = slots.Select(slot => _cluster.GetServers()[0].ClusterConfiguration!.GetBySlot(slot)!.EndPoint).Distinct().Count();

        Assert.Equal(RedisSlots.Shards, slots.Distinct().Count());
        Assert.Equal(3, masters);
    }

    [Fact]
    public async Task A_batch_is_one_call_on_one_redis_and_one_call_per_slot_on_a_cluster()
    {
        var keys = RedisDedupStore.Keys([.. Enumerable.Range(0, 40).Select(_ => Guid.NewGuid())]);
        var singleCalls = new List<RedisKey[]>();
        var clusterCalls = new List<RedisKey[]>();

        var single = await _single.PerSlotAsync(keys, Echo(singleCalls));
        var cluster = await _cluster.PerSlotAsync(keys, Echo(clusterCalls));

        Assert.Equal(keys, Assert.Single(singleCalls));
        Assert.Equal(keys.Select(key => _cluster.HashSlot(key)).Distinct().Count(), clusterCalls.Count);
        Assert.All(clusterCalls, call => Assert.Single(call.Select(key => _cluster.HashSlot(key)).Distinct()));
        // Each key's answer comes back at the key's own position, whichever call answered it.
        Assert.Equal(keys.Select(key => key.ToString()), single);
        Assert.Equal(keys.Select(key => key.ToString()), cluster);
    }

    private static Func<RedisKey[], Task<string[]>> Echo(List<RedisKey[]> calls) => keys =>
    {
        lock (calls) calls.Add(keys);
        return Task.FromResult(keys.Select(key => key.ToString()).ToArray());
    };

    public void Dispose()
    {
        _cluster.Dispose();
        _single.Dispose();
    }
}
