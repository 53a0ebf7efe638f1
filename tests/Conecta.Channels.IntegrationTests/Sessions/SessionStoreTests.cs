using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Sessions;

[Collection(ServersCollection.Name)]
public sealed class RedisSessionStoreTests : SessionStoreContract, IDisposable
{
    // A database of its own: the expiry schedule is one set per database, and the window poller of a
    // service running beside these tests (AppFactory) would take the due windows they look for.
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(Servers.Redis + ",defaultDatabase=13");

    private protected override ISessionStore Store => new RedisSessionStore(_redis);

    public void Dispose() => _redis.Dispose();
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
}
