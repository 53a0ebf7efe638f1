namespace Conecta.Channels.RateLimits;

/// <summary>At most <paramref name="Limit"/> sends in any window of length <paramref name="Window"/>.</summary>
/// <param name="Smooth">Also space sends at least half of Window / Limit apart: a whole window's sends
/// leaving in one instant arrive spread over however long the network takes, and that tail crowds the
/// next window. Half the even spacing keeps a late send's successors able to catch up (the window
/// rule still caps the rate), so the achieved rate stays near the limit.
/// For few, busy keys (a business number): its waiters queue in process, so only one of them asks Redis.</param>
internal sealed record RateLimit(int Limit, TimeSpan Window, bool Smooth = false)
{
    /// <summary>The least gap between two sends, in whole milliseconds.</summary>
    public long MinGapMs => Smooth ? (long)Math.Ceiling(Window.TotalMilliseconds / Limit / 2) : 0;

    /// <summary>
    /// How far ahead a send of a smooth key may take its slot: a busy number's waiters then book the
    /// next few slots in one round trip each, side by side, instead of asking again for every
    /// millisecond gap (one number was bound by that loop). Short, so a process that stalls after
    /// booking holds little; the paced dispatch keeps the wire in any case.
    /// </summary>
    public long ReserveAheadMs => Smooth ? 20 : 0;
}

/// <summary>
/// Lets a send go only when it keeps a limit in every window, across every instance. A send is
/// recorded at the moment it is allowed to go, at most <see cref="RateLimit.ReserveAheadMs"/> ahead:
/// longer waits happen before the record, so a process that stalls while waiting cannot later
/// release a crowd of pre-booked sends.
/// </summary>
internal interface IRateLimiter
{
    /// <summary>Waits (asynchronously) until a send fits the limit, records it and returns that moment.</summary>
    /// <returns>Null when the earliest moment would be after <paramref name="notAfter"/>; nothing is recorded then.</returns>
    Task<DateTimeOffset?> AcquireAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken);

    /// <summary>Lets no send of <paramref name="key"/> go for <paramref name="duration"/> from now (the provider asked it to wait); a longer hold stays.</summary>
    Task HoldAsync(string key, TimeSpan duration, CancellationToken cancellationToken);
}
