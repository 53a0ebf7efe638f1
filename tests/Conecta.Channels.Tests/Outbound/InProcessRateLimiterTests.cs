using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>The limiter on a fake clock that the test moves forward only while a send waits, so every moment is exact.</summary>
public sealed class InProcessRateLimiterTests
{
    private static readonly RateLimit PerNumber = new(80, TimeSpan.FromSeconds(1));
    private static readonly RateLimit PerRecipient = new(10, TimeSpan.FromSeconds(60));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly InProcessRateLimiter _limiter;

    public InProcessRateLimiterTests() => _limiter = new InProcessRateLimiter(_clock);

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task A_burst_of_1000_at_80_per_second_never_puts_more_than_80_in_a_second_and_keeps_the_pace()
    {
        var start = Now;
        var sends = await AcquireAsync("number", PerNumber, 1000);

        Assert.Equal(80, SlotWindows.MostInAnyWindow(sends, PerNumber.Window));
        Assert.Equal(start, sends[0]);
        // 1,000 at 80/s take 12.5 s at the full rate; the rule's 30 ms guard per window costs 3 %.
        Assert.Equal(TimeSpan.FromMilliseconds(12 * 1_030), SlotWindows.Spread(sends));
    }

    [Fact]
    public async Task The_sends_and_holds_of_idle_keys_are_dropped_so_memory_stays_bounded()
    {
        for (var i = 0; i < 100; i++) await _limiter.AcquireAsync($"number:{i}", PerNumber, DateTimeOffset.MaxValue, default);
        for (var i = 0; i < 10; i++) await _limiter.HoldAsync($"number:{i}", TimeSpan.FromSeconds(6), default);
        var keptBusy = _limiter.KeysKept;

        // A minute idle (each key's window is a second) and the sweep's minute: the next use drops them all.
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await _limiter.AcquireAsync("number:new", PerNumber, DateTimeOffset.MaxValue, default);

        Assert.Equal(110, keptBusy);
        Assert.Equal(1, _limiter.KeysKept);
    }

    [Fact]
    public async Task After_a_hold_of_6_s_the_key_s_next_send_goes_6_s_later_and_not_a_millisecond_before()
    {
        var start = Now;
        await _limiter.HoldAsync("number:contact", TimeSpan.FromSeconds(6), default);

        var waiting = _limiter.AcquireAsync("number:contact", PerRecipient, DateTimeOffset.MaxValue, default);
        _clock.Advance(TimeSpan.FromMilliseconds(5_999));
        var stillWaiting = !waiting.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(stillWaiting);
        Assert.Equal(start + TimeSpan.FromSeconds(6), await waiting);
    }

    [Fact]
    public async Task A_send_is_recorded_when_it_may_go_and_not_before()
    {
        await AcquireAsync("number", new RateLimit(2, TimeSpan.FromSeconds(1)), 2);

        var waiting = _limiter.AcquireAsync("number", new RateLimit(2, TimeSpan.FromSeconds(1)), DateTimeOffset.MaxValue, default);
        _clock.Advance(TimeSpan.FromMilliseconds(1_029));
        var stillWaiting = waiting.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(stillWaiting);
        // Bounded: a wrong rule would leave it waiting for a fake clock that no longer moves.
        Assert.Equal(Now, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_smooth_key_s_next_slot_is_booked_at_once_and_counts_for_whoever_asks_after_it()
    {
        var smooth = new RateLimit(80, TimeSpan.FromSeconds(1), Smooth: true);
        var start = Now;
        var first = await _limiter.AcquireAsync("number", smooth, DateTimeOffset.MaxValue, default);

        var second = _limiter.AcquireAsync("number", smooth, DateTimeOffset.MaxValue, default);
        // Had the second only waited (not booked +7 ms), this one would have been let go at +7 ms too.
        var third = await _limiter.AcquireAsync("number", smooth, start.AddMilliseconds(10), default);
        _clock.Advance(TimeSpan.FromMilliseconds(7));

        Assert.Equal(start, first);
        Assert.Null(third);
        Assert.Equal(start.AddMilliseconds(7), await second.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_send_that_could_only_go_after_the_deadline_is_refused_at_once_and_records_nothing()
    {
        var first = await AcquireAsync("recipient", PerRecipient, 10);

        var refused = await _limiter.AcquireAsync("recipient", PerRecipient, Now + TimeSpan.FromSeconds(59), default);
        _clock.Advance(PerRecipient.Window + TimeSpan.FromMilliseconds(1_800));
        var next = await AcquireAsync("recipient", PerRecipient, 10);

        Assert.Null(refused);
        // Had the refusal been recorded, the tenth of the next window would have had to wait for a third.
        Assert.All(next, send => Assert.Equal(first[0] + PerRecipient.Window + TimeSpan.FromMilliseconds(1_800), send));
    }

    [Fact]
    public async Task A_recipient_gets_a_burst_of_10_then_waits_out_the_window_and_a_second_recipient_does_not()
    {
        var start = Now;
        var first = await AcquireAsync("number:5531988887777", PerRecipient, 11);
        var other = await AcquireAsync("number:5531977776666", PerRecipient, 1);

        Assert.All(first.Take(10), send => Assert.Equal(start, send));
        Assert.Equal(start + PerRecipient.Window + TimeSpan.FromMilliseconds(1_800), first[10]);
        Assert.Equal(first[10], other[0]);
    }

    [Fact]
    public async Task A_smooth_limit_spaces_sends_and_still_lets_the_whole_rate_through()
    {
        var smooth = new RateLimit(80, TimeSpan.FromSeconds(1), Smooth: true);
        var sends = await AcquireAsync("number", smooth, 400);

        // 7 ms apart at least (half of 12.5, rounded up), never more than 80 in a second.
        Assert.All(sends.Zip(sends.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(7), $"gap {gap}"));
        Assert.InRange(SlotWindows.MostInAnyWindow(sends, smooth.Window), 1, 80);
        // Five windows of 80: the fifth starts 4 × 1,030 ms after the first and takes 79 × 7 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(4 * 1_030 + 79 * 7), SlotWindows.Spread(sends));
    }

    [Theory]
    [InlineData(new long[0], 1_000)] // nothing recorded: now
    [InlineData(new long[] { 400, 900 }, 1_000)] // room in the window: now
    [InlineData(new long[] { 100, 400, 900 }, 1_130)] // full: one window + the 30 ms guard after the send `limit` back
    [InlineData(new long[] { -5_000, 100, 400, 900 }, 1_130)] // sends before the window do not count
    public void The_earliest_send_is_now_or_one_window_after_the_send_limit_places_back(long[] sends, long expected) =>
        Assert.Equal(expected, SlidingWindow.EarliestSend(sends, limit: 3, windowMs: 1_000, nowMs: 1_000));

    /// <summary>
    /// Acquires one after another. When a send has to wait, the clock is moved to exactly the moment
    /// the rule allows (computed from what was recorded so far), and the send must then go at that moment.
    /// </summary>
    private async Task<List<DateTimeOffset>> AcquireAsync(string key, RateLimit limit, int count)
    {
        var sends = new List<DateTimeOffset>(count);
        var history = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var send = _limiter.AcquireAsync(key, limit, DateTimeOffset.MaxValue, default);
            if (!send.IsCompleted)
            {
                var now = Now.ToUnixTimeMilliseconds();
                var window = (long)limit.Window.TotalMilliseconds;
                var earliest = SlidingWindow.EarliestSend(history.Where(h => h >= now - window - 1).ToList(), limit.Limit, window, now, limit.MinGapMs);
                _clock.Advance(TimeSpan.FromMilliseconds(earliest - now));
                Assert.Same(send, await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(5))));
            }
            var moment = await send ?? throw new InvalidOperationException("refused without a deadline");
            sends.Add(moment);
            history.Add(moment.ToUnixTimeMilliseconds());
        }
        return sends;
    }
}
