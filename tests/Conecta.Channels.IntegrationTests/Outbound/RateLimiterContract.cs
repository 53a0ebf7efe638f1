using System.Diagnostics;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Tests.Outbound;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>What every rate limiter must do; run against Redis (real time) and in process (a fake clock that stands still).</summary>
public abstract class RateLimiterContract
{
    private static readonly RateLimit TwentyPerSecond = new(20, TimeSpan.FromSeconds(1));

    // A window far longer than any pause of a busy test machine, where a test is about what fills it, not how fast.
    private static readonly RateLimit TwentyPerMinute = new(20, TimeSpan.FromMinutes(1));

    // Per test: leftovers of an earlier run in Redis must never fill this run's windows.
    private readonly string _key = "it:" + Guid.NewGuid().ToString("N");

    private protected abstract IRateLimiter Limiter { get; }

    /// <summary>
    /// The schedule the limiter kept for a key, given the moments it returned. In process they are the
    /// same. Redis keeps its slots on its own clock and shifts each returned moment by that call's own
    /// measured offset, so an answer that arrives late moves its moment late by as much: on a busy
    /// machine two returned moments 20 apart came 353 ms close. The window rule is exact on the kept
    /// schedule, which every instance shares, and that is what is checked here.
    /// </summary>
    private protected virtual IReadOnlyList<DateTimeOffset> KeptSlots(string key, IReadOnlyList<DateTimeOffset> returned) => returned;

    [Fact]
    public async Task A_burst_of_100_at_20_per_second_never_puts_more_than_20_in_a_second_and_keeps_the_pace()
    {
        var elapsed = Stopwatch.StartNew();
        var slots = KeptSlots(_key, await ReserveAsync(_key, TwentyPerSecond, 100));

        Assert.Equal(100, slots.Count);
        Assert.InRange(SlotWindows.MostInAnyWindow(slots, TwentyPerSecond.Window), 1, 20);
        // Full rate spreads 100 slots over 4 s (five windows, the first at once); 5.5 s is still ≥ 95 % of it.
        // A client paused by its machine cannot reserve sooner than it asks, so its own time is allowed on top.
        Assert.InRange(SlotWindows.Spread(slots), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5.5) + elapsed.Elapsed);
    }

    [Fact]
    public async Task A_slot_past_the_deadline_is_refused_and_reserves_nothing()
    {
        var firstWindow = await ReserveAsync(_key, TwentyPerMinute, 20);
        // On the kept schedule: a returned moment can itself be late (see KeptSlots), the deadline must not be.
        var deadline = KeptSlots(_key, firstWindow)[0] + TwentyPerMinute.Window / 2;

        var refused = await Limiter.ReserveAsync(_key, TwentyPerMinute, deadline, default);
        var secondWindow = await ReserveAsync(_key, TwentyPerMinute, 20);
        var slots = KeptSlots(_key, [.. firstWindow, .. secondWindow]);

        Assert.Null(refused);
        Assert.Equal(40, slots.Count);
        // Had the refusal taken a slot, the last of the second window would have to wait for a third.
        Assert.InRange(SlotWindows.Spread(slots), TwentyPerMinute.Window, 2 * TwentyPerMinute.Window);
    }

    [Fact]
    public async Task One_key_s_full_window_does_not_delay_another_key()
    {
        var otherKey = _key + ":other";
        var fullWindow = await ReserveAsync(_key, TwentyPerMinute, 20);

        var other = KeptSlots(otherKey, await ReserveAsync(otherKey, TwentyPerMinute, 1));
        var full = KeptSlots(_key, [.. fullWindow, .. await ReserveAsync(_key, TwentyPerMinute, 1)]);

        var waited = Assert.Single(other);
        Assert.True(waited < full[0] + TwentyPerMinute.Window / 2, $"the other key waited until {waited:O}, the full one from {full[0]:O} to {full[^1]:O}");
        Assert.True(full[^1] > full[0] + TwentyPerMinute.Window, $"the full key did not wait: {full[^1]:O}");
    }

    private async Task<DateTimeOffset[]> ReserveAsync(string key, RateLimit limit, int count)
    {
        var slots = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
            slots[i] = await Limiter.ReserveAsync(key, limit, DateTimeOffset.MaxValue, default)
                ?? throw new InvalidOperationException("refused without a deadline");
        return slots;
    }
}
