namespace Conecta.Channels.RateLimits;

/// <summary>
/// The rule both limiters share (the Redis one runs it in Lua): a send may go at the earliest moment
/// that is no earlier than now and strictly more than one window after the send <c>limit</c> places
/// back, so no closed window of that length ever holds more than <c>limit</c> sends. Under steady
/// overload this lets exactly <c>limit</c> sends through per window + 1 ms.
/// </summary>
internal static class SlidingWindow
{
    /// <param name="sends">Recorded sends of one key, ascending, in unix milliseconds, none after now.</param>
    public static long EarliestSend(IReadOnlyList<long> sends, int limit, long windowMs, long nowMs) =>
        sends.Count >= limit ? Math.Max(nowMs, sends[sends.Count - limit] + windowMs + 1) : nowMs;
}
