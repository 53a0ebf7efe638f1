using Conecta.Channels.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Hosting;

/// <summary>The one expiry mechanism under every embedded stand-in.</summary>
public sealed class ExpiringEntriesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.Zero));
    private readonly ExpiringEntries<string, int> _entries;

    public ExpiringEntriesTests() => _entries = new ExpiringEntries<string, int>(_clock);

    [Fact]
    public void An_entry_reads_until_its_time_to_live_ends_and_as_absent_from_then_on()
    {
        _entries.Set("a", 1, TimeSpan.FromSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(29));
        var before = _entries.TryGet("a", out var value);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = _entries.TryGet("a", out _);

        Assert.Equal((true, 1, false), (before, value, after));
    }

    [Fact]
    public void Expired_entries_are_dropped_from_memory_by_the_next_write_after_a_minute()
    {
        for (var i = 0; i < 1000; i++) _entries.Set($"short{i}", i, TimeSpan.FromSeconds(10));
        _entries.Set("long", 0, TimeSpan.FromHours(1));

        _clock.Advance(TimeSpan.FromMinutes(1));
        _entries.Set("new", 0, TimeSpan.FromSeconds(10));

        Assert.Equal(2, _entries.Count);
        Assert.True(_entries.TryGet("long", out _));
    }
}
