using System.Diagnostics;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Tests.Outbound;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>What every rate limiter must do; run against Redis and in process, both on the real clock.</summary>
public abstract class RateLimiterContract
{
    private static readonly RateLimit TwentyPerSecond = new(20, TimeSpan.FromSeconds(1));

    // A window far longer than any pause of a busy test machine, where a test is about what fills it, not how fast.
    private static readonly RateLimit TwentyPerMinute = new(20, TimeSpan.FromMinutes(1));

    // Per test: leftovers of an earlier run in Redis must never fill this run's windows.
    private readonly string _key = "it:" + Guid.NewGuid().ToString("N");

    private protected abstract IRateLimiter Limiter { get; }

    /// <summary>
    /// The sends as the limiter recorded them. In process, the moments it returned. Redis records each
    /// send on its own clock, and the answer reaches us a round trip later, by more for some calls
    /// than others (the first ones on a cold connection): the rule holds on the record, which every
    /// instance shares, so that is what is checked.
    /// </summary>
    private protected virtual IReadOnlyList<DateTimeOffset> Recorded(string key, IReadOnlyList<DateTimeOffset> returned) => returned;

    [Fact]
    public async Task A_burst_of_100_at_20_per_second_never_puts_more_than_20_in_a_second_and_keeps_the_pace()
    {
        var elapsed = Stopwatch.StartNew();
        var sends = Recorded(_key, await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => AcquireAsync(_key, TwentyPerSecond))));

        Assert.Equal(100, sends.Count);
        Assert.InRange(SlotWindows.MostInAnyWindow(sends, TwentyPerSecond.Window), 1, 20);
        // Full rate spreads 100 sends over 4 s (five windows, the first at once); 5.5 s is still ≥ 95 % of it.
        Assert.InRange(SlotWindows.Spread(sends), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5.5));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(8), $"took {elapsed.Elapsed}");
    }

    [Fact]
    public async Task Concurrent_sends_under_a_smooth_limit_are_spaced_and_keep_the_pace()
    {
        var smooth = new RateLimit(20, TimeSpan.FromSeconds(1), Smooth: true);

        var sends = Recorded(_key, await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => AcquireAsync(_key, smooth))))
            .Order().ToList();

        Assert.Equal(40, sends.Count);
        Assert.All(sends.Zip(sends.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(25), $"gap {gap}"));
        Assert.InRange(SlotWindows.MostInAnyWindow(sends, smooth.Window), 1, 20);
        // Two windows of 20, 25 ms apart within each: 1,001 + 19 × 25 ms at the least; pauses get 1.5 s on top.
        Assert.InRange(SlotWindows.Spread(sends), TimeSpan.FromMilliseconds(1_476), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_send_that_could_only_go_after_the_deadline_is_refused_at_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AcquireAsync(_key, TwentyPerMinute)));
        var elapsed = Stopwatch.StartNew();

        var refused = await Limiter.AcquireAsync(_key, TwentyPerMinute, DateTimeOffset.UtcNow + TwentyPerMinute.Window / 2, default);

        Assert.Null(refused);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"refusing took {elapsed.Elapsed}");
    }

    [Fact]
    public async Task One_key_s_full_window_does_not_delay_another_key()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AcquireAsync(_key, TwentyPerMinute)));
        var elapsed = Stopwatch.StartNew();

        var other = await AcquireAsync(_key + ":other", TwentyPerMinute);
        var full = await Limiter.AcquireAsync(_key, TwentyPerMinute, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), default);

        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"the other key waited {elapsed.Elapsed}");
        Assert.NotEqual(default, other);
        Assert.Null(full);
    }

    [Fact]
    public async Task A_held_key_sends_nothing_before_its_hold_ends_a_shorter_hold_does_not_shorten_it_and_other_keys_go()
    {
        await Limiter.HoldAsync(_key, TimeSpan.FromSeconds(6), default);
        await Limiter.HoldAsync(_key, TimeSpan.FromSeconds(1), default);

        var held = await Limiter.AcquireAsync(_key, TwentyPerMinute, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(4), default);
        var other = await Limiter.AcquireAsync(_key + ":other", TwentyPerMinute, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(4), default);

        Assert.Null(held);
        Assert.NotNull(other);
    }

    private async Task<DateTimeOffset> AcquireAsync(string key, RateLimit limit) =>
        await Limiter.AcquireAsync(key, limit, DateTimeOffset.MaxValue, default) ?? throw new InvalidOperationException("refused without a deadline");
}
