namespace Conecta.Channels.RateLimits;

/// <summary>At most <paramref name="Limit"/> sends in any window of length <paramref name="Window"/>.</summary>
internal sealed record RateLimit(int Limit, TimeSpan Window);

/// <summary>
/// Lets a send go only when it keeps a limit in every window, across every instance. A send is
/// recorded at the moment it is allowed to go, never ahead of time: waiting happens before the
/// record, so a process that stalls while waiting cannot later release a crowd of pre-booked sends.
/// </summary>
internal interface IRateLimiter
{
    /// <summary>Waits (asynchronously) until a send fits the limit, records it and returns that moment.</summary>
    /// <returns>Null when the earliest moment would be after <paramref name="notAfter"/>; nothing is recorded then.</returns>
    Task<DateTimeOffset?> AcquireAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken);
}
