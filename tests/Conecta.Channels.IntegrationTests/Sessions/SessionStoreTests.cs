using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>The contract on Redis: <see cref="SingleRedisSessionStoreTests"/> on one server, <see cref="RedisClusterSessionStoreTests"/> on a cluster.</summary>
public abstract class RedisSessionStoreTests(ConnectionMultiplexer redis) : SessionStoreContract, IDisposable
{
    private protected ConnectionMultiplexer Redis { get; } = redis;

    private protected override ISessionStore Store => new RedisSessionStore(Redis);

    public void Dispose()
    {
        Redis.Dispose();
        GC.SuppressFinalize(this);
    }
}

// A database of its own: the expiry schedule is shared by a database, and the window poller of a service running beside
// these tests (AppFactory) would take the due windows they look for. The cluster has database 0 only, and no service on it.
[Collection(ServersCollection.Name)]
public sealed class SingleRedisSessionStoreTests() : RedisSessionStoreTests(ConnectionMultiplexer.Connect(Servers.Redis + ",defaultDatabase=13"));

[Collection(ServersCollection.Name)]
public sealed class RedisClusterSessionStoreTests() : RedisSessionStoreTests(RedisCluster.Connect())
{
    [Fact]
    public async Task Due_windows_are_taken_from_every_shard_and_never_more_than_asked()
    {
        // Enough contacts that every shard holds some (their names fall in shards by hash), all due long ago.
        var lastMessage = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var account = "7" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sessions = Enumerable.Range(0, 256)
            .Select(i => new Session(account, "55319" + (88880000 + i), Guid.NewGuid(), SessionState.Open, null, "suporte", null, lastMessage, [], 0))
            .ToList();
        foreach (var session in sessions) Assert.True(await Store.TrySaveAsync(session, TimeSpan.FromDays(1), default));
        var keys = sessions.Select(s => new SessionKey(s.AccountId, s.ContactKey)).ToHashSet();
        var now = lastMessage.AddDays(2);

        var firstTen = await Store.TakeDueAsync(now, TimeSpan.FromMinutes(1), 10, default);
        var rest = await Store.TakeDueAsync(now, TimeSpan.FromMinutes(1), 10_000, default);

        Assert.Equal(RedisSlots.Shards, keys.Select(key => RedisSlots.ShardOf(key.ToString())).Distinct().Count());
        Assert.Equal(10, firstTen.Count);
        Assert.Equal(keys, firstTen.Concat(rest).Where(keys.Contains).ToHashSet());
        Assert.Equal(256, firstTen.Concat(rest).Count(keys.Contains));
    }
}

public sealed class InProcessSessionStoreTests : SessionStoreContract
{
    private readonly FakeTimeProvider _clock = new();

    public InProcessSessionStoreTests() => Store = new InProcessSessionStore(_clock);

    private protected override ISessionStore Store { get; }

    [Fact]
    public async Task A_session_is_forgotten_after_the_retention()
    {
        var session = new Session("1065", "5531988887777", Guid.NewGuid(), SessionState.Closed, null, null, null, null, [], 0);
        await Store.TrySaveAsync(session, TimeSpan.FromDays(30), default);

        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        Assert.Null(await Store.FindAsync(new SessionKey("1065", "5531988887777"), default));
    }

    [Fact]
    public async Task An_open_session_forgotten_after_its_retention_leaves_the_schedule_at_its_window_end()
    {
        var lastMessage = _clock.GetUtcNow();
        var session = new Session("1065", "5531977776666", Guid.NewGuid(), SessionState.Open, null, "suporte", null, lastMessage, [], 0);
        await Store.TrySaveAsync(session, TimeSpan.FromHours(1), default);

        _clock.Advance(TimeSpan.FromHours(1));
        var forgotten = await Store.FindAsync(new SessionKey("1065", "5531977776666"), default);
        var atWindowEnd = await Store.TakeDueAsync(session.WindowEndsAt!.Value, TimeSpan.FromMinutes(1), 100, default);
        var afterLease = await Store.TakeDueAsync(session.WindowEndsAt!.Value.AddMinutes(1), TimeSpan.FromMinutes(1), 100, default);

        Assert.Null(forgotten);
        Assert.Empty(atWindowEnd);
        Assert.Empty(afterLease);
    }
}
