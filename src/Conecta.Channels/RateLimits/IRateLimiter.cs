namespace Conecta.Channels.RateLimits;

/// <summary>At most <paramref name="Limit"/> sends in any window of length <paramref name="Window"/>.</summary>
internal sealed record RateLimit(int Limit, TimeSpan Window);

/// <summary>
/// Reserves send slots so a limit is never exceeded in any window, across every instance. A slot is
/// a moment; the caller waits until it (asynchronously). Reservations for one key are handed out
/// in order, so waiting callers keep the order they asked in.
/// </summary>
internal interface IRateLimiter
{
    /// <returns>The reserved moment, or null when the earliest free slot is after <paramref name="notAfter"/> (nothing is reserved then).</returns>
    Task<DateTimeOffset?> ReserveAsync(string key, RateLimit limit, DateTimeOffset notAfter, CancellationToken cancellationToken);
}
