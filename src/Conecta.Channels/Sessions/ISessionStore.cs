namespace Conecta.Channels.Sessions;

/// <summary>Names one session: a channel account and a canonical contact key.</summary>
internal sealed record SessionKey(string AccountId, string ContactKey)
{
    // Account ids are the provider's digits, so the first '|' always ends them; contact keys may hold ':' ("bsuid:…").
    public override string ToString() => AccountId + "|" + ContactKey;

    public static SessionKey Parse(string text)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return new SessionKey(text[..bar], text[(bar + 1)..]);
    }
}

/// <summary>
/// Sessions and their window-expiry schedule. Redis in production (shared by all instances), in process in
/// the embedded mode; both pass the same contract tests.
/// </summary>
internal interface ISessionStore
{
    Task<Session?> FindAsync(SessionKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-set: stores <paramref name="next"/> only if the stored version is still <c>next.Version</c>
    /// (0 when none is stored), as version + 1; false when another change came first. In the same step an Open
    /// session is scheduled for its window's end and any other state leaves the schedule.
    /// </summary>
    Task<bool> TrySaveAsync(Session next, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>
    /// Sessions whose window end is due at <paramref name="now"/>, at most <paramref name="max"/>. Each is leased
    /// until now + <paramref name="lease"/> rather than removed: if the taker dies before applying the timer, the
    /// session is due again after the lease; applying it (saving WindowExpired) removes it.
    /// </summary>
    Task<IReadOnlyList<SessionKey>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);
}
