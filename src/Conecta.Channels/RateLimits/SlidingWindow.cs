namespace Conecta.Channels.RateLimits;

/// <summary>
/// The rule both limiters share (the Redis one runs it in Lua): a send may go at the earliest moment
/// that is no earlier than now and more than one window (plus a guard) after the send <c>limit</c>
/// places back, so no closed window of that length ever holds more than <c>limit</c> sends. Under
/// steady overload this lets <c>limit</c> sends through per window + guard (98 % of the rate).
/// </summary>
internal static class SlidingWindow
{
    /// <param name="sends">Recorded sends of one key, ascending, in unix milliseconds, none after now.</param>
    /// <param name="minGapMs">Smoothing: the least gap after the last send (0: bursts allowed).</param>
    public static long EarliestSend(IReadOnlyList<long> sends, int limit, long windowMs, long nowMs, long minGapMs = 0)
    {
        var earliest = nowMs;
        if (sends.Count > 0) earliest = Math.Max(earliest, sends[^1] + minGapMs);
        if (sends.Count >= limit) earliest = Math.Max(earliest, sends[sends.Count - limit] + windowMs + GuardMs(windowMs));
        return earliest;
    }

    /// <summary>
    /// How much more than a window the send <c>limit</c> places back must be: 2 % of the window (at
    /// least 1 ms), so sends that reach the provider a little later or sooner than they left still
    /// fit its windows. It costs 2 % of the rate.
    /// </summary>
    public static long GuardMs(long windowMs) => Math.Max(1, windowMs / 50);
}
