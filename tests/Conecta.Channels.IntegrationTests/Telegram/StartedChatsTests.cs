using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
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

/// <summary>The contract on Redis: <see cref="SingleRedisStartedChatsTests"/> on one server, <see cref="RedisClusterStartedChatsTests"/> on a cluster.</summary>
public abstract class RedisStartedChatsTests(ConnectionMultiplexer redis) : StartedChatsContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis = redis;

    private protected override IStartedChats Store => new RedisStartedChats(_redis);

    public void Dispose()
    {
        _redis.Dispose();
        GC.SuppressFinalize(this);
    }
}

[Collection(ServersCollection.Name)]
public sealed class SingleRedisStartedChatsTests() : RedisStartedChatsTests(ConnectionMultiplexer.Connect(Servers.Redis));

[Collection(ServersCollection.Name)]
public sealed class RedisClusterStartedChatsTests() : RedisStartedChatsTests(RedisCluster.Connect());

public sealed class InProcessStartedChatsTests : StartedChatsContract
{
    private readonly FakeTimeProvider _clock = new();

    public InProcessStartedChatsTests() => Store = new InProcessStartedChats(_clock);

    private protected override IStartedChats Store { get; }

    [Fact]
    public async Task A_chat_silent_for_the_retention_is_forgotten_and_one_that_wrote_again_is_kept()
    {
        var bot = TestBot.New().Id;
        await Store.RememberAsync(bot, ["111", "222"], default);

        _clock.Advance(InProcessStartedChats.Retention / 2);
        await Store.RememberAsync(bot, ["222"], default);
        _clock.Advance(InProcessStartedChats.Retention / 2);

        Assert.False(await Store.HasStartedAsync(bot, "111", default));
        Assert.True(await Store.HasStartedAsync(bot, "222", default));
    }
}
