using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Conecta.Channels.Hosting;

/// <summary>
/// What keeps the Redis stores working on a Redis Cluster, where one script or multi-key command may touch one hash slot
/// only. Keys that must change together share a hash tag; keys that are merely read or written in one batch are split by
/// slot, one call per slot. On a single Redis the multiplexer places every key in no slot, so a batch stays one call.
/// </summary>
internal static class RedisSlots
{
    /// <summary>How many shards a sharded set of keys is spread over (one hex digit).</summary>
    public const int Shards = 16;

    /// <summary>
    /// <c>{value}</c>: Redis Cluster hashes only the part of a key between its first braces, so keys built with the same
    /// tag fall in one slot. <paramref name="value"/> must not start with '}' (an empty tag hashes the whole key).
    /// </summary>
    public static string Tag(string value) => "{" + value + "}";

    /// <summary>
    /// The shard of <paramref name="name"/>, 0 to 15: the first hex digit of its SHA-1. Lua computes the same with
    /// <c>redis.sha1hex</c>, so a script run by hand (scripts/redis-shard-sessions.sh) places a key where this code looks.
    /// </summary>
    public static int ShardOf(string name)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // no security here: SHA-1 because Lua has it
        SHA1.HashData(Encoding.UTF8.GetBytes(name), hash);
#pragma warning restore CA5350
        return hash[0] >> 4;
    }

    /// <summary>The tag of one shard of a family of keys, such as <c>{s7}</c>.</summary>
    public static string ShardTag(string family, int shard) => Tag(family + "0123456789abcdef"[shard]);

    /// <summary>Runs <paramref name="call"/> once per hash slot with that slot's keys; answers each key's result in the order of <paramref name="keys"/>.</summary>
    public static async Task<T[]> PerSlotAsync<T>(this IConnectionMultiplexer redis, RedisKey[] keys, Func<RedisKey[], Task<T[]>> call)
    {
        if (InOneSlot(redis, keys)) return await call(keys);
        var groups = BySlot(redis, keys);
        var answers = await Task.WhenAll(groups.Select(group => call([.. group.Select(i => keys[i])])));
        var results = new T[keys.Length];
        for (var g = 0; g < groups.Count; g++)
            for (var i = 0; i < groups[g].Length; i++) results[groups[g][i]] = answers[g][i];
        return results;
    }

    /// <summary>Runs <paramref name="call"/> once per hash slot with that slot's keys, the calls side by side.</summary>
    /// <remarks>On a cluster the slots are separate calls: if one fails, the others may have been applied.</remarks>
    public static Task PerSlotAsync(this IConnectionMultiplexer redis, RedisKey[] keys, Func<RedisKey[], Task> call) =>
        InOneSlot(redis, keys) ? call(keys) : Task.WhenAll(BySlot(redis, keys).Select(group => call([.. group.Select(i => keys[i])])));

    private static bool InOneSlot(IConnectionMultiplexer redis, RedisKey[] keys)
    {
        if (keys.Length < 2) return true;
        var slot = redis.HashSlot(keys[0]);
        for (var i = 1; i < keys.Length; i++)
            if (redis.HashSlot(keys[i]) != slot) return false;
        return true;
    }

    private static List<int[]> BySlot(IConnectionMultiplexer redis, RedisKey[] keys) =>
        [.. Enumerable.Range(0, keys.Length).GroupBy(i => redis.HashSlot(keys[i])).Select(group => group.ToArray())];
}
