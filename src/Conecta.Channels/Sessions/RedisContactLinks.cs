using System.Globalization;
using StackExchange.Redis;

namespace Conecta.Channels.Sessions;

/// <summary>One string per old key, "&lt;unix ms&gt;|&lt;new key&gt;", with the retention as its TTL; each script touches that one key.</summary>
internal sealed class RedisContactLinks(IConnectionMultiplexer redis) : IContactLinks
{
    // A link no newer than the kept one changes nothing.
    private const string LinkScript = """
        local current = redis.call('GET', KEYS[1])
        if current and tonumber(string.match(current, '^(%d+)|')) > tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    private const string UnlinkOlderScript = """
        local current = redis.call('GET', KEYS[1])
        if current and tonumber(string.match(current, '^(%d+)|')) < tonumber(ARGV[1]) then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async Task LinkAsync(string accountId, string oldKey, string newKey, DateTimeOffset at, TimeSpan retention, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var when = at.ToUnixTimeMilliseconds();
        await db.ScriptEvaluateAsync(UnlinkOlderScript, [Key(accountId, newKey)], [when]);
        await db.ScriptEvaluateAsync(LinkScript, [Key(accountId, oldKey)], [when, newKey, (long)retention.TotalMilliseconds]);
    }

    public async Task<ContactLink?> FindAsync(string accountId, string oldKey, CancellationToken cancellationToken)
    {
        var stored = (string?)await redis.GetDatabase().StringGetAsync(Key(accountId, oldKey));
        if (stored?.IndexOf('|', StringComparison.Ordinal) is not (> 0 and var bar)) return null;
        return new ContactLink(stored[(bar + 1)..],
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(stored.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture)));
    }

    internal static RedisKey Key(string accountId, string contactKey) =>
        string.Create(CultureInfo.InvariantCulture, $"conecta:contact-link:{accountId}:{contactKey}");
}
