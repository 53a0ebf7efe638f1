using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>The reservation rule on a fake clock, so every slot is exact.</summary>
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
        var slots = await ReserveAsync("number", PerNumber, 1000);

        Assert.Equal(80, SlotWindows.MostInAnyWindow(slots, PerNumber.Window));
        Assert.Equal(Now, slots[0]);
        // 1,000 at 80/s take 12.5 s at the full rate; the rule costs 1 ms per window on top.
        Assert.InRange(SlotWindows.Spread(slots), TimeSpan.FromSeconds(12), TimeSpan.FromMilliseconds(12_500 + 20));
    }

    [Fact]
    public async Task Slots_never_go_backwards_in_the_order_they_were_asked_for_and_never_before_now()
    {
        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < 300; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(i % 7)); // uneven arrivals, some in the same millisecond
            var slot = await ReserveAsync("number", PerNumber);
            Assert.True(slot >= Now, $"slot {i} is in the past");
            slots.Add(slot);
        }

        Assert.Equal(slots.Order(), slots);
        Assert.Equal(80, SlotWindows.MostInAnyWindow(slots, PerNumber.Window));
    }

    [Fact]
    public async Task A_slot_after_the_deadline_is_refused_and_reserves_nothing()
    {
        var start = Now;
        await ReserveAsync("number", PerNumber, 80);
        var nextFree = start + PerNumber.Window + TimeSpan.FromMilliseconds(1);

        var refused = await _limiter.ReserveAsync("number", PerNumber, notAfter: nextFree - TimeSpan.FromMilliseconds(1), default);
        var exactlyOnTime = await _limiter.ReserveAsync("number", PerNumber, notAfter: nextFree, default);
        var secondWindow = await ReserveAsync("number", PerNumber, 79);
        var thirdWindow = await ReserveAsync("number", PerNumber);

        Assert.Null(refused);
        Assert.Equal(nextFree, exactlyOnTime);
        // Had the refusal taken a slot, the second window would be full one reservation sooner.
        Assert.All(secondWindow, slot => Assert.Equal(nextFree, slot));
        Assert.Equal(nextFree + PerNumber.Window + TimeSpan.FromMilliseconds(1), thirdWindow);
    }

    [Fact]
    public async Task A_recipient_gets_a_burst_of_10_then_waits_out_the_window_and_a_second_recipient_does_not()
    {
        var start = Now;
        var burst = await ReserveAsync("number:5531988887777", PerRecipient, 10);
        var afterBurst = await ReserveAsync("number:5531988887777", PerRecipient, 10);
        var third = await ReserveAsync("number:5531988887777", PerRecipient);
        var otherRecipient = await ReserveAsync("number:5531977776666", PerRecipient);

        var oneWindowLater = start + PerRecipient.Window + TimeSpan.FromMilliseconds(1);
        Assert.All(burst, slot => Assert.Equal(start, slot));
        Assert.All(afterBurst, slot => Assert.Equal(oneWindowLater, slot));
        Assert.Equal(oneWindowLater + PerRecipient.Window + TimeSpan.FromMilliseconds(1), third);
        Assert.Equal(start, otherRecipient);
    }

    [Fact]
    public async Task A_key_idle_for_longer_than_its_window_starts_again_at_now()
    {
        await ReserveAsync("number", PerNumber, 200);

        _clock.Advance(TimeSpan.FromMinutes(5)); // past the window and the idle-key sweep
        var slot = await ReserveAsync("number", PerNumber);

        Assert.Equal(Now, slot);
    }

    [Theory]
    [InlineData(new long[0], 1_000)] // nothing reserved: now
    [InlineData(new long[] { 400, 900 }, 1_000)] // room in the window: now
    [InlineData(new long[] { 400, 1_200 }, 1_200)] // never before the last slot
    [InlineData(new long[] { 100, 400, 900 }, 1_101)] // full: one window + 1 ms after the slot `limit` back
    [InlineData(new long[] { -5_000, 100, 400, 900 }, 1_101)] // slots before the window do not count
    public void The_earliest_slot_is_now_or_later_never_before_the_last_and_past_the_full_window(long[] slots, long expected) =>
        Assert.Equal(expected, SlidingWindow.EarliestSlot(slots, limit: 3, windowMs: 1_000, nowMs: 1_000));

    private async Task<DateTimeOffset> ReserveAsync(string key, RateLimit limit) =>
        await _limiter.ReserveAsync(key, limit, DateTimeOffset.MaxValue, default) ?? throw new InvalidOperationException("refused without a deadline");

    private async Task<List<DateTimeOffset>> ReserveAsync(string key, RateLimit limit, int count)
    {
        var slots = new List<DateTimeOffset>(count);
        for (var i = 0; i < count; i++) slots.Add(await ReserveAsync(key, limit));
        return slots;
    }
}
