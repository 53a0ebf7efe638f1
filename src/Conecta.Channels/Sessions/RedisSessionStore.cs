using System.Text.Json;
using Conecta.Channels.Hosting;
using StackExchange.Redis;

namespace Conecta.Channels.Sessions;

/// <summary>
/// One JSON string per session (its "version" is the compare-and-set token) and the window ends in sorted sets, one per
/// shard: a session's key carries its shard's tag, so the save script's two keys share a slot on a Redis Cluster and the
/// sessions spread over <see cref="RedisSlots.Shards"/> slots rather than one.
/// </summary>
internal sealed class RedisSessionStore(IConnectionMultiplexer redis) : ISessionStore
{
    private int _nextShard;

    // The version check, the write and the schedule change happen together or not at all.
    private const string SaveScript = """
        local current = redis.call('GET', KEYS[1])
        local version = 0
        if current then version = cjson.decode(current).version end
        if version ~= tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        if ARGV[5] == '' then redis.call('ZREM', KEYS[2], ARGV[4]) else redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4]) end
        return 1
        """;

    // A session forgotten after its retention leaves the schedule instead of coming back after every lease.
    private const string TakeDueScript = """
        local taken = {}
        for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])) do
          if redis.call('EXISTS', ARGV[4] .. member) == 1 then
            redis.call('ZADD', KEYS[1], ARGV[2], member)
            taken[#taken + 1] = member
          else
            redis.call('ZREM', KEYS[1], member)
          end
        end
        return taken
        """;

    public async Task<Session?> FindAsync(SessionKey key, CancellationToken cancellationToken)
    {
        var json = await redis.GetDatabase().StringGetAsync(Key(key));
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, SessionJsonContext.Default.Session);
    }

    public async Task<bool> TrySaveAsync(Session next, TimeSpan retention, CancellationToken cancellationToken)
    {
        var key = new SessionKey(next.AccountId, next.ContactKey);
        var stored = JsonSerializer.Serialize(next with { Version = next.Version + 1 }, SessionJsonContext.Default.Session);
        var windowEnd = next.State == SessionState.Open ? next.WindowEndsAt?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var saved = await redis.GetDatabase().ScriptEvaluateAsync(SaveScript, SaveKeys(key),
            [next.Version, stored, (long)retention.TotalMilliseconds, key.ToString(), windowEnd ?? ""]);
        return (int)saved == 1;
    }

    public async Task<IReadOnlyList<SessionKey>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var taken = new List<SessionKey>();
        // Each take starts at the next shard: when one shard alone fills max, the others still get the first turn in their time.
        var start = (int)((uint)Interlocked.Increment(ref _nextShard) % RedisSlots.Shards);
        for (var i = 0; i < RedisSlots.Shards && taken.Count < max; i++)
        {
            var shard = (start + i) % RedisSlots.Shards;
            var due = (RedisResult[])(await database.ScriptEvaluateAsync(TakeDueScript, [ScheduleKey(shard)],
                [now.ToUnixTimeMilliseconds(), (now + lease).ToUnixTimeMilliseconds(), max - taken.Count, KeyPrefix(shard)]))!;
            taken.AddRange(due.Select(member => SessionKey.Parse((string)member!)));
        }
        return taken;
    }

    /// <summary>One shard's sorted set of window ends (unix ms), members being the sessions' names.</summary>
    internal static RedisKey ScheduleKey(int shard) => "conecta:session-schedule:" + RedisSlots.ShardTag("s", shard);

    private static string KeyPrefix(int shard) => "conecta:session:" + RedisSlots.ShardTag("s", shard) + ":";

    internal static RedisKey Key(SessionKey key) => SaveKeys(key)[0];

    /// <summary>The save script's keys: the session and its shard's schedule, one slot.</summary>
    internal static RedisKey[] SaveKeys(SessionKey key)
    {
        var name = key.ToString();
        var shard = RedisSlots.ShardOf(name);
        return [KeyPrefix(shard) + name, ScheduleKey(shard)];
    }
}
