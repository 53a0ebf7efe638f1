using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Telegram;

/// <summary>The chats that wrote to a bot, as one contract for Redis and the embedded stand-in.</summary>
public abstract class StartedChatsContract
{
    private protected abstract IStartedChats Store { get; }

    [Fact]
    public async Task A_chat_is_started_for_the_bot_it_wrote_to_only()
    {
        var bot = TestBot.New().Id;
        var other = TestBot.New().Id;

        await Store.RememberAsync(bot, ["111", "-1001234567890"], default);
        await Store.RememberAsync(bot, ["111"], default);
        await Store.RememberAsync(bot, [], default);

        Assert.True(await Store.HasStartedAsync(bot, "111", default));
        Assert.True(await Store.HasStartedAsync(bot, "-1001234567890", default));
        Assert.False(await Store.HasStartedAsync(bot, "222", default));
        Assert.False(await Store.HasStartedAsync(other, "111", default));
    }
}

[Collection(ServersCollection.Name)]
public sealed class RedisStartedChatsTests : StartedChatsContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(Servers.Redis);

    private protected override IStartedChats Store => new RedisStartedChats(_redis);

    public void Dispose() => _redis.Dispose();
}

public sealed class InProcessStartedChatsTests : StartedChatsContract
{
    private protected override IStartedChats Store { get; } = new InProcessStartedChats();
}
