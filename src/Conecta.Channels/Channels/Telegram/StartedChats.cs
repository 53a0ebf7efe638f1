using Conecta.Channels.Hosting;
using StackExchange.Redis;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// The chats that have written to each bot: a bot may not write first, so only these can be started. Kept without
/// expiry in Redis (a contact who started the bot a year ago still may be written to); Telegram itself answers a blocked
/// bot. Each call touches one key, so a Redis Cluster needs no hash tag here.
/// </summary>
internal interface IStartedChats
{
    Task RememberAsync(string botId, IReadOnlyCollection<string> chatIds, CancellationToken cancellationToken);

    Task<bool> HasStartedAsync(string botId, string chatId, CancellationToken cancellationToken);
}

/// <summary>One Redis set per bot.</summary>
internal sealed class RedisStartedChats(IConnectionMultiplexer redis) : IStartedChats
{
    public async Task RememberAsync(string botId, IReadOnlyCollection<string> chatIds, CancellationToken cancellationToken)
    {
        if (chatIds.Count > 0) await redis.GetDatabase().SetAddAsync(Key(botId), chatIds.Select(id => (RedisValue)id).ToArray());
    }

    public Task<bool> HasStartedAsync(string botId, string chatId, CancellationToken cancellationToken) =>
        redis.GetDatabase().SetContainsAsync(Key(botId), chatId);

    private static RedisKey Key(string botId) => "conecta:telegram:started:" + botId;
}

/// <summary>
/// The embedded stand-in: forgotten when the process ends, like everything else in that mode, and a chat that has not
/// written for <see cref="Retention"/> sooner, so a long-running embedded process keeps a bounded set.
/// </summary>
internal sealed class InProcessStartedChats(TimeProvider clock) : IStartedChats
{
    internal static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly ExpiringEntries<(string Bot, string Chat), bool> _chats = new(clock);
    private readonly Lock _gate = new();

    public Task RememberAsync(string botId, IReadOnlyCollection<string> chatIds, CancellationToken cancellationToken)
    {
        lock (_gate)
            foreach (var chatId in chatIds) _chats.Set((botId, chatId), true, Retention);
        return Task.CompletedTask;
    }

    public Task<bool> HasStartedAsync(string botId, string chatId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_chats.TryGet((botId, chatId), out _));
    }
}
