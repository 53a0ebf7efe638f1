using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>What every contact-link store must do, and the redirects read from it; run against Redis and in process.</summary>
public abstract class ContactLinksContract
{
    private protected static readonly DateTimeOffset At = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private protected static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private protected readonly string Account = "it-" + Guid.NewGuid().ToString("N")[..12];
    private const string A = "5531988887777", B = "5531977776666", C = "5531966665555";

    private protected abstract IContactLinks Links { get; }

    private protected abstract ISessionStore Sessions { get; }

    private ContactRedirects Redirects => new(Links, Sessions, NullLogger<ContactRedirects>.Instance);

    private Task<string> CurrentAsync(string key) => Redirects.CurrentKeyAsync(Account, key, Guid.NewGuid(), default);

    [Fact]
    public async Task A_link_is_kept_per_account_with_its_time_and_a_key_without_one_stays_itself()
    {
        await Links.LinkAsync(Account, A, B, At, Retention, default);

        Assert.Equal(new ContactLink(B, At), await Links.FindAsync(Account, A, default));
        Assert.Null(await Links.FindAsync(Account + "x", A, default));
        Assert.Equal((B, B, C), (await CurrentAsync(A), await CurrentAsync(B), await CurrentAsync(C)));
    }

    [Fact]
    public async Task A_chain_resolves_to_its_last_key_and_a_late_older_change_changes_nothing()
    {
        await Links.LinkAsync(Account, A, B, At, Retention, default);
        await Links.LinkAsync(Account, B, C, At.AddDays(1), Retention, default);
        // The first change's notice again, retried late: it must not unlink B → C (B is older there) nor move A.
        await Links.LinkAsync(Account, A, B, At, Retention, default);
        await Links.LinkAsync(Account, A, "bsuid:BR.old", At.AddHours(-1), Retention, default);

        Assert.Equal((C, C), (await CurrentAsync(A), await CurrentAsync(B)));
        Assert.Equal(new ContactLink(C, At.AddDays(1)), await Links.FindAsync(Account, B, default));
    }

    [Fact]
    public async Task A_contact_back_on_an_old_key_unlinks_it_and_a_racing_cycle_stops()
    {
        await Links.LinkAsync(Account, A, B, At, Retention, default);
        await Links.LinkAsync(Account, B, A, At.AddDays(1), Retention, default);
        var back = await CurrentAsync(B);
        var linkOfA = await Links.FindAsync(Account, A, default);
        // Changes that raced (both stored, neither unlinking the other) make a cycle: it ends, at the last key not yet seen.
        await Links.LinkAsync(Account, C, "5531955554444", At, Retention, default);
        await Links.LinkAsync(Account, "5531955554444", C, At, Retention, default);

        Assert.Equal((A, A), (back, await CurrentAsync(A)));
        Assert.Null(linkOfA);
        Assert.Equal(("5531955554444", C), (await CurrentAsync(C), await CurrentAsync("5531955554444")));
    }

    [Fact]
    public async Task A_key_with_a_live_session_someone_wrote_to_after_the_change_is_not_followed()
    {
        await Links.LinkAsync(Account, A, B, At, Retention, default);
        // The session the move closed keeps its last message's time, which may be later than the provider's time of the notice.
        var left = new Session(Account, A, Guid.NewGuid(), SessionState.Closed, null, "suporte", null, At.AddMinutes(5), ["wamid.OLD"], 0);
        await Sessions.TrySaveAsync(left, Retention, default);
        var afterMove = await CurrentAsync(A);
        await Sessions.TrySaveAsync(left with { SessionId = Guid.NewGuid(), State = SessionState.Open, LastContactMessageAt = At.AddDays(2), Version = 1 },
            Retention, default);

        Assert.Equal((B, A), (afterMove, await CurrentAsync(A)));
    }
}

[Collection(ServersCollection.Name)]
public sealed class RedisContactLinksTests : ContactLinksContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(Servers.Redis);

    private protected override IContactLinks Links => new RedisContactLinks(_redis);

    private protected override ISessionStore Sessions => new RedisSessionStore(_redis);

    [Fact]
    public async Task A_link_expires_after_the_retention_under_one_conecta_key()
    {
        await Links.LinkAsync(Account, "5531988887777", "5531977776666", DateTimeOffset.UtcNow, Retention, default);

        var key = RedisContactLinks.Key(Account, "5531988887777");
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(key);

        Assert.Equal($"conecta:contact-link:{Account}:5531988887777", key.ToString());
        Assert.InRange(ttl!.Value, Retention - TimeSpan.FromMinutes(1), Retention);
    }

    public void Dispose() => _redis.Dispose();
}

public sealed class InProcessContactLinksTests : ContactLinksContract
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    public InProcessContactLinksTests()
    {
        Links = new InProcessContactLinks(_clock);
        Sessions = new InProcessSessionStore(_clock);
    }

    private protected override IContactLinks Links { get; }

    private protected override ISessionStore Sessions { get; }

    [Fact]
    public async Task A_link_expires_after_the_retention()
    {
        await Links.LinkAsync(Account, "5531988887777", "5531977776666", _clock.GetUtcNow(), Retention, default);
        _clock.Advance(Retention - TimeSpan.FromSeconds(1));
        var kept = await Links.FindAsync(Account, "5531988887777", default);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.NotNull(kept);
        Assert.Null(await Links.FindAsync(Account, "5531988887777", default));
    }
}
