using Conecta.Channels.RateLimits;
using Conecta.Channels.Tests.Outbound;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>
/// What every rate limiter must do; run against Redis and in process. Nothing here bounds how long the machine takes:
/// the bursts run on the real clock and check the rule on the record (a slow machine only spreads sends further), and
/// "at once" means "without ever starting a wait", seen on a clock of the test's that reports every timer it is asked
/// for. The exact pace, on a fake clock, is the unit tests' (InProcessRateLimiterTests).
/// </summary>
public abstract class RateLimiterContract
{
    private static readonly RateLimit TwentyPerSecond = new(20, TimeSpan.FromSeconds(1));

    // A window far longer than any pause of a busy test machine, where a test is about what fills it, not how fast.
    private static readonly RateLimit TwentyPerMinute = new(20, TimeSpan.FromMinutes(1));

    // Per test: leftovers of an earlier run in Redis must never fill this run's windows.
    private readonly string _key = "it:" + Guid.NewGuid().ToString("N");

    /// <summary>The limiter on the real clock.</summary>
    private protected abstract IRateLimiter Limiter { get; }

    /// <summary>A limiter of the same kind on <paramref name="clock"/> (Redis still decides on its own clock).</summary>
    private protected abstract IRateLimiter LimiterOn(TimeProvider clock);

    /// <summary>
    /// The sends as the limiter recorded them. In process, the moments it returned. Redis records each
    /// send on its own clock, and the answer reaches us a round trip later, by more for some calls
    /// than others (the first ones on a cold connection): the rule holds on the record, which every
    /// instance shares, so that is what is checked.
    /// </summary>
    private protected virtual IReadOnlyList<DateTimeOffset> Recorded(string key, IReadOnlyList<DateTimeOffset> returned) => returned;

    [Fact]
    public async Task A_burst_of_100_at_20_per_second_never_puts_more_than_20_in_a_second()
    {
        var sends = Recorded(_key, await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => AcquireAsync(Limiter, _key, TwentyPerSecond))));

        Assert.Equal(100, sends.Count);
        Assert.InRange(SlotWindows.MostInAnyWindow(sends, TwentyPerSecond.Window), 1, 20);
        // 100 sends at 20 per second take four windows after the first at the least; no upper bound: a busy machine may take longer.
        Assert.True(SlotWindows.Spread(sends) >= TimeSpan.FromSeconds(4), $"spread {SlotWindows.Spread(sends)}");
    }

    [Fact]
    public async Task Concurrent_sends_under_a_smooth_limit_are_spaced()
    {
        var smooth = new RateLimit(20, TimeSpan.FromSeconds(1), Smooth: true);

        var sends = Recorded(_key, await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => AcquireAsync(Limiter, _key, smooth))))
            .Order().ToList();

        Assert.Equal(40, sends.Count);
        Assert.All(sends.Zip(sends.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(25), $"gap {gap}"));
        Assert.InRange(SlotWindows.MostInAnyWindow(sends, smooth.Window), 1, 20);
        // Two windows of 20, 25 ms apart within each: 1,001 + 19 × 25 ms at the least.
        Assert.True(SlotWindows.Spread(sends) >= TimeSpan.FromMilliseconds(1_476), $"spread {SlotWindows.Spread(sends)}");
    }

    [Fact]
    public async Task A_send_that_could_only_go_after_the_deadline_is_refused_without_waiting()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        var limiter = LimiterOn(clock);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AcquireAsync(limiter, _key, TwentyPerMinute)));
        Assert.False(clock.Waited.Task.IsCompleted, "filling the window must not wait");

        var refused = limiter.AcquireAsync(_key, TwentyPerMinute, clock.GetUtcNow() + TwentyPerMinute.Window / 2, default);

        Assert.Same(refused, await Task.WhenAny(refused, clock.Waited.Task));
        Assert.Null(await refused);
    }

    [Fact]
    public async Task One_key_s_full_window_does_not_delay_another_key()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        var limiter = LimiterOn(clock);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AcquireAsync(limiter, _key, TwentyPerMinute)));

        var other = AcquireAsync(limiter, _key + ":other", TwentyPerMinute);
        Assert.Same(other, await Task.WhenAny(other, clock.Waited.Task));
        var full = limiter.AcquireAsync(_key, TwentyPerMinute, clock.GetUtcNow() + TimeSpan.FromSeconds(1), default);
        Assert.Same(full, await Task.WhenAny(full, clock.Waited.Task));

        Assert.NotEqual(default, await other);
        Assert.Null(await full);
    }

    [Fact]
    public async Task A_held_key_sends_nothing_before_its_hold_ends_a_shorter_hold_does_not_shorten_it_and_other_keys_go()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        var limiter = LimiterOn(clock);
        await limiter.HoldAsync(_key, TimeSpan.FromSeconds(6), default);
        await limiter.HoldAsync(_key, TimeSpan.FromSeconds(1), default);

        // A deadline inside the 6 s hold: refused without a wait; another key goes at once.
        var held = limiter.AcquireAsync(_key, TwentyPerMinute, clock.GetUtcNow() + TimeSpan.FromSeconds(4), default);
        Assert.Same(held, await Task.WhenAny(held, clock.Waited.Task));
        var other = limiter.AcquireAsync(_key + ":other", TwentyPerMinute, clock.GetUtcNow() + TimeSpan.FromSeconds(4), default);
        Assert.Same(other, await Task.WhenAny(other, clock.Waited.Task));

        Assert.Null(await held);
        Assert.NotNull(await other);
    }

    private static async Task<DateTimeOffset> AcquireAsync(IRateLimiter limiter, string key, RateLimit limit) =>
        await limiter.AcquireAsync(key, limit, DateTimeOffset.MaxValue, default) ?? throw new InvalidOperationException("refused without a deadline");
}
