namespace Conecta.Channels.Tests.Outbound;

/// <summary>
/// Measures recorded send moments the way Meta counts sends. Also compiled into the integration tests
/// (linked in their project file), so the Redis limiter is held to the very same yardstick.
/// </summary>
internal static class SlotWindows
{
    /// <summary>The most slots any closed window [t, t + window] holds; checking windows that start at a slot covers every window.</summary>
    public static int MostInAnyWindow(IReadOnlyCollection<DateTimeOffset> slots, TimeSpan window)
    {
        var sorted = slots.Order().ToArray();
        var most = 0;
        for (int first = 0, last = 0; first < sorted.Length; first++)
        {
            while (last < sorted.Length && sorted[last] <= sorted[first] + window) last++;
            most = Math.Max(most, last - first);
        }
        return most;
    }

    public static TimeSpan Spread(IReadOnlyCollection<DateTimeOffset> slots) => slots.Max() - slots.Min();
}
