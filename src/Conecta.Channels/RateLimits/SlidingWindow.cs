namespace Conecta.Channels.RateLimits;

/// <summary>
/// The rule both limiters share (the Redis one runs it in Lua): a send may go at the earliest moment
/// that is no earlier than now and more than one window (plus a guard) after the send <c>limit</c>
/// places back, so no closed window of that length ever holds more than <c>limit</c> sends. Under
/// steady overload this lets <c>limit</c> sends through per window + guard (97 % of the rate).
/// </summary>
internal static class SlidingWindow
{
    /// <param name="sends">Recorded sends of one key, ascending, in unix milliseconds (a booked one may be a little after now).</param>
    /// <param name="minGapMs">Smoothing: the least gap after the last send (0: bursts allowed).</param>
    public static long EarliestSend(IReadOnlyList<long> sends, int limit, long windowMs, long nowMs, long minGapMs = 0)
    {
        var earliest = nowMs;
        if (sends.Count > 0) earliest = Math.Max(earliest, sends[^1] + minGapMs);
        if (sends.Count >= limit) earliest = Math.Max(earliest, sends[sends.Count - limit] + windowMs + GuardMs(windowMs));
        return earliest;
    }

    /// <summary>
    /// How much more than a window the send <c>limit</c> places back must be: 3 % of the window (at
    /// least 1 ms), so sends whose way to the provider takes a little longer or shorter than their
    /// neighbours' still fit its windows. On a loaded 2-core machine requests paced where they leave
    /// reached the wire up to ~25 ms off their spacing (bench/outbound.sh); 2 % let a window in
    /// 5,000 sends hold one too many. It costs 3 % of the rate.
    /// </summary>
    public static long GuardMs(long windowMs) => Math.Max(1, windowMs * 3 / 100);
}
