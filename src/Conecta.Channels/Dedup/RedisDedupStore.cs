using Conecta.Channels.Hosting;
using StackExchange.Redis;

namespace Conecta.Channels.Dedup;

/// <summary>
/// One key per EventId: the owner's token while publishing (with a lease), "done" once delivered. A batch is one script
/// on a single Redis; on a Redis Cluster one script per slot its ids fall in, side by side (each key stands alone, so no
/// hash tag: the ids spread over the whole cluster).
/// </summary>
internal sealed class RedisDedupStore(IConnectionMultiplexer redis) : IDedupStore
{
    // Per key: 1 = claimed now, 0 = delivered before, 2 = another owner holds it.
    private const string ClaimScript = """
        local result = {}
        for i, key in ipairs(KEYS) do
          if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
            result[i] = 1
          elseif redis.call('GET', key) == 'done' then
            result[i] = 0
          else
            result[i] = 2
          end
        end
        return result
        """;

    private const string MarkScript = """
        for _, key in ipairs(KEYS) do redis.call('SET', key, 'done', 'PX', ARGV[1]) end
        return #KEYS
        """;

    private const string ReleaseScript = """
        local released = 0
        for _, key in ipairs(KEYS) do
          if redis.call('GET', key) == ARGV[1] then released = released + redis.call('DEL', key) end
        end
        return released
        """;

    public async Task<DedupClaim> ClaimAsync(IReadOnlyList<Guid> eventIds, TimeSpan lease, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        var result = await redis.PerSlotAsync(Keys(eventIds), async keys =>
            (RedisResult[])(await database.ScriptEvaluateAsync(ClaimScript, keys, [owner, (long)lease.TotalMilliseconds]))!);

        HashSet<Guid> claimed = [], delivered = [], inFlight = [];
        for (var i = 0; i < eventIds.Count; i++)
        {
            var set = (int)result[i] switch { 1 => claimed, 0 => delivered, _ => inFlight };
            set.Add(eventIds[i]);
        }
        return new DedupClaim(owner, claimed, delivered, inFlight);
    }

    public Task MarkDeliveredAsync(IReadOnlyList<Guid> eventIds, TimeSpan retention, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        return redis.PerSlotAsync(Keys(eventIds), keys => database.ScriptEvaluateAsync(MarkScript, keys, [(long)retention.TotalMilliseconds]));
    }

    public Task ReleaseAsync(DedupClaim claim, IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        return redis.PerSlotAsync(Keys(eventIds), keys => database.ScriptEvaluateAsync(ReleaseScript, keys, [claim.Owner]));
    }

    internal static RedisKey[] Keys(IReadOnlyList<Guid> eventIds) =>
        eventIds.Select(id => (RedisKey)("conecta:dedup:" + id.ToString("N"))).ToArray();
}
