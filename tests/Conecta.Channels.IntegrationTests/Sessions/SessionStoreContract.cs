using Conecta.Channels.Phones;
using Conecta.Channels.Sessions;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>What every session store must do; run against Redis and against the in-process store.</summary>
public abstract class SessionStoreContract
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset LastMessage = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private protected abstract ISessionStore Store { get; }

    // A fresh account per session: the stores are shared by every test run.
    private static Session Open(string contactKey = "5531988887777", DateTimeOffset? lastMessage = null) =>
        new("8" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            contactKey, Guid.NewGuid(), SessionState.Open, null, "suporte", null, lastMessage ?? LastMessage, ["wamid.1"], 0);

    private static SessionKey KeyOf(Session session) => new(session.AccountId, session.ContactKey);

    [Fact]
    public async Task A_session_is_created_once_and_stored_with_the_next_version()
    {
        var session = Open();

        var first = await Store.TrySaveAsync(session, Retention, default);
        var second = await Store.TrySaveAsync(session with { Team = "vendas" }, Retention, default);

        Assert.Equal((true, false), (first, second));
        var stored = await Store.FindAsync(KeyOf(session), default);
        Assert.Equal(session with { Version = 1 }, stored! with { RecentMessageIds = session.RecentMessageIds });
        Assert.Equal(["wamid.1"], stored.RecentMessageIds);
    }

    [Fact]
    public async Task A_change_based_on_a_stale_version_is_refused()
    {
        var session = Open();
        await Store.TrySaveAsync(session, Retention, default);
        var read = (await Store.FindAsync(KeyOf(session), default))!;
        await Store.TrySaveAsync(read with { State = SessionState.Closed }, Retention, default);

        var stale = await Store.TrySaveAsync(read with { Team = "vendas" }, Retention, default);

        Assert.False(stale);
        Assert.Equal((SessionState.Closed, 2L), ((await Store.FindAsync(KeyOf(session), default))!.State, (await Store.FindAsync(KeyOf(session), default))!.Version));
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loops_lose_no_change()
    {
        var session = Open();
        await Store.TrySaveAsync(session, Retention, default);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var read = (await Store.FindAsync(KeyOf(session), default))!;
                if (await Store.TrySaveAsync(read with { RecentMessageIds = [.. read.RecentMessageIds, "x"] }, Retention, default)) return;
            }
        })));

        var final = (await Store.FindAsync(KeyOf(session), default))!;
        Assert.Equal((21L, 21), (final.Version, final.RecentMessageIds.Count));
    }

    [Fact]
    public async Task Both_spellings_of_a_brazilian_mobile_name_the_same_session()
    {
        var session = Open(ContactKeys.CanonicalPhone("553188887777")!);
        await Store.TrySaveAsync(session, Retention, default);

        var found = await Store.FindAsync(new SessionKey(session.AccountId, ContactKeys.CanonicalPhone("5531988887777")!), default);

        Assert.Equal(session.SessionId, found?.SessionId);
    }

    [Fact]
    public async Task An_open_window_is_due_at_its_end_once_until_its_lease_runs_out()
    {
        // Far in the past, so every run's leftover entries are due too; this test looks only for its own.
        var session = Open("bsuid:BR.1502576394655843", LastMessage.AddYears(-30));
        await Store.TrySaveAsync(session, Retention, default);
        var endsAt = session.WindowEndsAt!.Value;

        var early = await Store.TakeDueAsync(endsAt.AddSeconds(-1), Lease, 10_000, default);
        var due = await Store.TakeDueAsync(endsAt, Lease, 10_000, default);
        var leased = await Store.TakeDueAsync(endsAt.AddSeconds(1), Lease, 10_000, default);
        var afterLease = await Store.TakeDueAsync(endsAt + Lease, Lease, 10_000, default);

        Assert.DoesNotContain(KeyOf(session), early);
        Assert.Contains(KeyOf(session), due);
        Assert.DoesNotContain(KeyOf(session), leased);
        Assert.Contains(KeyOf(session), afterLease);
    }

    [Fact]
    public async Task Leaving_open_removes_the_window_from_the_schedule_and_a_later_message_moves_it()
    {
        var closing = Open(lastMessage: LastMessage.AddYears(-30));
        var extended = Open(lastMessage: LastMessage.AddYears(-30));
        await Store.TrySaveAsync(closing, Retention, default);
        await Store.TrySaveAsync(extended, Retention, default);

        await Store.TrySaveAsync(closing with { State = SessionState.Closed, Version = 1 }, Retention, default);
        await Store.TrySaveAsync(extended with { LastContactMessageAt = LastMessage.AddYears(-29), Version = 1 }, Retention, default);
        var due = await Store.TakeDueAsync(LastMessage.AddYears(-30).AddDays(2), Lease, 10_000, default);
        var later = await Store.TakeDueAsync(LastMessage.AddYears(-29).AddDays(2), Lease, 10_000, default);

        Assert.DoesNotContain(KeyOf(closing), due);
        Assert.DoesNotContain(KeyOf(extended), due);
        Assert.Contains(KeyOf(extended), later);
    }
}
