using System.Globalization;
using StackExchange.Redis;

namespace Conecta.Channels.Preferences;

/// <summary>
/// One key per account and contact: "stop:&lt;unix ms&gt;" or "resume:&lt;unix ms&gt;", with the retention as its TTL. Each
/// call touches that one key, so a Redis Cluster needs no hash tag here.
/// </summary>
internal sealed class RedisMarketingOptOuts(IConnectionMultiplexer redis) : IMarketingOptOuts
{
    // An older word than the kept one changes nothing.
    private const string SetScript = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local at = tonumber(string.match(current, ':(%d+)$'))
          if at and at > tonumber(ARGV[2]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    public Task SetAsync(string accountId, string contactKey, bool stopped, DateTimeOffset at, TimeSpan retention, CancellationToken cancellationToken) =>
        redis.GetDatabase().ScriptEvaluateAsync(SetScript, [Key(accountId, contactKey)],
            [stopped ? "stop" : "resume", at.ToUnixTimeMilliseconds(), (long)retention.TotalMilliseconds]);

    public async Task<bool> HasStoppedAsync(string accountId, string contactKey, CancellationToken cancellationToken) =>
        ((string?)await redis.GetDatabase().StringGetAsync(Key(accountId, contactKey)))?.StartsWith("stop:", StringComparison.Ordinal) == true;

    internal static RedisKey Key(string accountId, string contactKey) =>
        string.Create(CultureInfo.InvariantCulture, $"conecta:marketing-optout:{accountId}:{contactKey}");
}
