using System.Text.Json;
using StackExchange.Redis;

namespace Conecta.Channels.Sessions;

/// <summary>One JSON string per session (its "version" is the compare-and-set token) and one sorted set of window ends.</summary>
internal sealed class RedisSessionStore(IConnectionMultiplexer redis) : ISessionStore
{
    internal const string ScheduleKey = "conecta:session-windows";

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
        var saved = await redis.GetDatabase().ScriptEvaluateAsync(SaveScript, [Key(key), ScheduleKey],
            [next.Version, stored, (long)retention.TotalMilliseconds, key.ToString(), windowEnd ?? ""]);
        return (int)saved == 1;
    }

    public async Task<IReadOnlyList<SessionKey>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        var due = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(TakeDueScript, [ScheduleKey],
            [now.ToUnixTimeMilliseconds(), (now + lease).ToUnixTimeMilliseconds(), max, KeyPrefix]))!;
        return due.Select(member => SessionKey.Parse((string)member!)).ToList();
    }

    private const string KeyPrefix = "conecta:session:";

    internal static RedisKey Key(SessionKey key) => KeyPrefix + key;
}
