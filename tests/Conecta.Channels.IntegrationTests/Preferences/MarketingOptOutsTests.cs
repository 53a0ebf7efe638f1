using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Preferences;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Preferences;

/// <summary>What every opt-out store must do; run against Redis and in process.</summary>
public abstract class MarketingOptOutsContract
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private protected static readonly TimeSpan Retention = TimeSpan.FromDays(365);
    private protected readonly string Account = "it-" + Guid.NewGuid().ToString("N")[..12];

    private protected abstract IMarketingOptOuts Store { get; }

    [Fact]
    public async Task A_stop_is_kept_per_account_and_contact_and_a_newer_resume_lifts_it()
    {
        await Store.SetAsync(Account, "5531988887777", stopped: true, At, Retention, default);

        var stopped = await Store.HasStoppedAsync(Account, "5531988887777", default);
        var otherContact = await Store.HasStoppedAsync(Account, "5531977776666", default);
        var otherAccount = await Store.HasStoppedAsync(Account + "x", "5531988887777", default);
        await Store.SetAsync(Account, "5531988887777", stopped: false, At.AddMinutes(1), Retention, default);

        Assert.Equal((true, false, false), (stopped, otherContact, otherAccount));
        Assert.False(await Store.HasStoppedAsync(Account, "5531988887777", default));
    }

    [Fact]
    public async Task A_late_older_word_changes_nothing()
    {
        await Store.SetAsync(Account, "5531988887777", stopped: false, At.AddMinutes(5), Retention, default);
        await Store.SetAsync(Account, "5531988887777", stopped: true, At, Retention, default);
        await Store.SetAsync(Account, "5531966665555", stopped: true, At.AddMinutes(5), Retention, default);
        await Store.SetAsync(Account, "5531966665555", stopped: false, At, Retention, default);

        Assert.False(await Store.HasStoppedAsync(Account, "5531988887777", default));
        Assert.True(await Store.HasStoppedAsync(Account, "5531966665555", default));
    }
}

/// <summary>The contract on Redis: <see cref="SingleRedisMarketingOptOutsTests"/> on one server, <see cref="RedisClusterMarketingOptOutsTests"/> on a cluster.</summary>
public abstract class RedisMarketingOptOutsTests(ConnectionMultiplexer redis) : MarketingOptOutsContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis = redis;

    private protected override IMarketingOptOuts Store => new RedisMarketingOptOuts(_redis);

    [Fact]
    public async Task A_preference_expires_after_the_retention()
    {
        await Store.SetAsync(Account, "5531988887777", stopped: true, DateTimeOffset.UtcNow, Retention, default);

        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(RedisMarketingOptOuts.Key(Account, "5531988887777"));

        Assert.InRange(ttl!.Value, Retention - TimeSpan.FromMinutes(1), Retention);
    }

    public void Dispose()
    {
        _redis.Dispose();
        GC.SuppressFinalize(this);
    }
}

[Collection(ServersCollection.Name)]
public sealed class SingleRedisMarketingOptOutsTests() : RedisMarketingOptOutsTests(ConnectionMultiplexer.Connect(Servers.Redis));

[Collection(ServersCollection.Name)]
public sealed class RedisClusterMarketingOptOutsTests() : RedisMarketingOptOutsTests(RedisCluster.Connect());

public sealed class InProcessMarketingOptOutsTests : MarketingOptOutsContract
{
    private readonly FakeTimeProvider _clock = new();

    public InProcessMarketingOptOutsTests() => Store = new InProcessMarketingOptOuts(_clock);

    private protected override IMarketingOptOuts Store { get; }

    [Fact]
    public async Task A_preference_expires_after_the_retention()
    {
        await Store.SetAsync(Account, "5531988887777", stopped: true, _clock.GetUtcNow(), Retention, default);
        _clock.Advance(Retention - TimeSpan.FromSeconds(1));
        var kept = await Store.HasStoppedAsync(Account, "5531988887777", default);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(kept);
        Assert.False(await Store.HasStoppedAsync(Account, "5531988887777", default));
    }
}
