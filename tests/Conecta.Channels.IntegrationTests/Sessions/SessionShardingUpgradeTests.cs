using System.Diagnostics;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Sessions;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>scripts/redis-shard-sessions.sh on a single Redis holding sessions as the version before the cluster keys wrote them.</summary>
[Collection(ServersCollection.Name)]
public sealed class SessionShardingUpgradeTests : IDisposable
{
    // A database of its own: the script empties the old schedule of the database it runs on.
    private const int Database = 12;
    private static readonly DateTimeOffset LastMessage = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(Servers.Redis + $",defaultDatabase={Database}");
    private readonly string _account = "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Old_sessions_move_to_their_shards_with_their_ttl_and_window_ends_and_a_second_run_moves_nothing()
    {
        var open = Session("5531988887777", SessionState.Open, version: 3);
        var closed = Session("bsuid:BR.1502576394655843", SessionState.Closed, version: 1);
        var rewritten = Session("5531966665555", SessionState.Open, version: 5);
        await WriteAsTheOldVersionAsync(open, scheduled: true);
        await WriteAsTheOldVersionAsync(closed, scheduled: false);
        await WriteAsTheOldVersionAsync(rewritten with { Version = 4 }, scheduled: true);
        // The new version already saved this one, closed: its own key wins over the old one.
        var store = new RedisSessionStore(_redis);
        Assert.True(await store.TrySaveAsync(rewritten with { Version = 0, State = SessionState.Closed }, TimeSpan.FromDays(1), default));

        var first = await RunScriptAsync();
        var second = await RunScriptAsync();

        Assert.Contains(" 2 sessions moved", first);
        Assert.Contains(" 0 sessions moved", second);
        await AssertFoundAsAsync(store, open);
        await AssertFoundAsAsync(store, closed);
        Assert.Equal(SessionState.Closed, (await store.FindAsync(KeyOf(rewritten), default))!.State);
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(RedisSessionStore.Key(KeyOf(open)));
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(20), TimeSpan.FromDays(30));
        Assert.False(await _redis.GetDatabase().KeyExistsAsync(OldKey(open)));
        Assert.False(await _redis.GetDatabase().KeyExistsAsync("conecta:session-windows"));
        var due = await store.TakeDueAsync(open.WindowEndsAt!.Value, TimeSpan.FromMinutes(1), 10_000, default);
        Assert.Contains(KeyOf(open), due);
        Assert.DoesNotContain(KeyOf(closed), due);
        Assert.DoesNotContain(KeyOf(rewritten), due);
    }

    private static async Task AssertFoundAsAsync(RedisSessionStore store, Session session)
    {
        var found = await store.FindAsync(KeyOf(session), default);
        Assert.Equal(session, found! with { RecentMessageIds = session.RecentMessageIds });
        Assert.Equal(session.RecentMessageIds, found.RecentMessageIds);
    }

    private Session Session(string contact, SessionState state, long version) =>
        new(_account, contact, Guid.NewGuid(), state, null, "suporte", null, LastMessage, ["wamid.1"], version);

    private static SessionKey KeyOf(Session session) => new(session.AccountId, session.ContactKey);

    private static string OldKey(Session session) => "conecta:session:" + KeyOf(session);

    /// <summary>The layout before the shards: one key per session, one sorted set of window ends.</summary>
    private async Task WriteAsTheOldVersionAsync(Session session, bool scheduled)
    {
        var database = _redis.GetDatabase();
        await database.StringSetAsync(OldKey(session), JsonSerializer.Serialize(session, SessionJsonContext.Default.Session), TimeSpan.FromDays(30));
        if (scheduled) await database.SortedSetAddAsync("conecta:session-windows", KeyOf(session).ToString(), session.WindowEndsAt!.Value.ToUnixTimeMilliseconds());
    }

    private static async Task<string> RunScriptAsync()
    {
        var endPoint = Servers.Redis.Split(',')[0].Split(':');
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(Repository.Root, "scripts", "redis-shard-sessions.sh"), "-h", endPoint[0], "-p", endPoint[1], "-n", $"{Database}" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }

    public void Dispose() => _redis.Dispose();
}
