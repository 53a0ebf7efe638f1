namespace Conecta.Channels.RateLimits;

/// <summary>
/// The reservation rule both limiters share (the Redis one runs it in Lua): a new slot goes no
/// earlier than now, no earlier than the last slot (order), and strictly more than one window after
/// the slot <c>limit</c> places back, so no closed window of that length ever holds more than
/// <c>limit</c> slots. Under steady overload this hands out exactly <c>limit</c> slots per window + 1 ms.
/// </summary>
internal static class SlidingWindow
{
    /// <param name="slots">Reserved slots of one key, ascending, in unix milliseconds.</param>
    public static long EarliestSlot(IReadOnlyList<long> slots, int limit, long windowMs, long nowMs)
    {
        var slot = nowMs;
        if (slots.Count > 0) slot = Math.Max(slot, slots[^1]);
        if (slots.Count >= limit) slot = Math.Max(slot, slots[slots.Count - limit] + windowMs + 1);
        return slot;
    }
}
