using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// The chats that have written to each bot: a bot may not write first, so only these can be started. Kept without
/// expiry (a contact who started the bot a year ago still may be written to); Telegram itself answers a blocked bot.
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

/// <summary>The embedded stand-in: forgotten when the process ends, like everything else in that mode.</summary>
internal sealed class InProcessStartedChats : IStartedChats
{
    private readonly ConcurrentDictionary<(string Bot, string Chat), byte> _chats = new();

    public Task RememberAsync(string botId, IReadOnlyCollection<string> chatIds, CancellationToken cancellationToken)
    {
        foreach (var chatId in chatIds) _chats.TryAdd((botId, chatId), 0);
        return Task.CompletedTask;
    }

    public Task<bool> HasStartedAsync(string botId, string chatId, CancellationToken cancellationToken) =>
        Task.FromResult(_chats.ContainsKey((botId, chatId)));
}
