using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>
/// The handler in front of the socket, on a fake clock. The "connection" is a stamping stream over
/// memory, written by a stand-in for the primary handler after the clock moved on: the process was
/// late between the limiter's yes and the write.
/// </summary>
public sealed class PacedDispatchTests
{
    private static readonly RateLimit OnePerSecond = new(1, TimeSpan.FromSeconds(1));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly DispatchLimiter _limiter;

    public PacedDispatchTests() => _limiter = new DispatchLimiter(_clock);

    [Fact]
    public async Task A_send_counts_from_when_its_first_byte_was_written_not_from_when_it_was_let_go()
    {
        var start = _clock.GetUtcNow();
        using var invoker = Paced(writeAfter: TimeSpan.FromMilliseconds(300));

        using var _ = await invoker.SendAsync(Request("number", OnePerSecond), default);

        // Written 300 ms after it was let go: the next may go one window (+ the 3 % guard) after the write.
        Assert.Null(await _limiter.Sends.AcquireAsync("number", OnePerSecond, start.AddMilliseconds(1_329), default));
        Assert.Equal(start.AddMilliseconds(1_330), await NextAtAsync("number", start.AddMilliseconds(1_330)));
    }

    [Fact]
    public async Task Only_the_first_write_of_a_request_moves_its_send()
    {
        var start = _clock.GetUtcNow();
        using var invoker = Paced(writeAfter: TimeSpan.FromMilliseconds(100), writes: 3, between: TimeSpan.FromMilliseconds(200));

        using var _ = await invoker.SendAsync(Request("number", OnePerSecond), default);

        Assert.Equal(start.AddMilliseconds(1_130), await NextAtAsync("number", start.AddMilliseconds(1_130)));
    }

    [Fact]
    public async Task A_request_without_a_pace_is_neither_delayed_nor_counted()
    {
        using var invoker = Paced(writeAfter: TimeSpan.Zero);
        var request = new HttpRequestMessage(HttpMethod.Post, "http://graph.test/v23.0/templates");

        using var response = await invoker.SendAsync(request, default);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_clock.GetUtcNow(), await _limiter.Sends.AcquireAsync("number", OnePerSecond, _clock.GetUtcNow(), default));
    }

    [Fact]
    public async Task Every_attempt_is_paced_so_a_retry_waits_its_turn_too()
    {
        var start = _clock.GetUtcNow();
        using var invoker = Paced(writeAfter: TimeSpan.Zero);
        using var first = await invoker.SendAsync(Request("number", OnePerSecond), default);

        var retry = invoker.SendAsync(Request("number", OnePerSecond), default);
        _clock.Advance(TimeSpan.FromMilliseconds(1_029));
        var early = retry.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using var second = await retry.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(early);
        Assert.Equal(start.AddMilliseconds(1_030), _clock.GetUtcNow());
    }

    private HttpMessageInvoker Paced(TimeSpan writeAfter, int writes = 1, TimeSpan between = default) =>
        new(new PacedDispatch(_limiter, _clock) { InnerHandler = new LateConnection(_clock, writeAfter, writes, between) });

    private static HttpRequestMessage Request(string key, RateLimit limit)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://graph.test/v23.0/123/messages");
        request.Options.Set(DispatchPace.OptionKey, new DispatchPace(key, limit));
        return request;
    }

    /// <summary>When the limiter lets the next send of the key go, moving the clock to <paramref name="at"/> if it must wait.</summary>
    private async Task<DateTimeOffset?> NextAtAsync(string key, DateTimeOffset at)
    {
        var next = _limiter.Sends.AcquireAsync(key, OnePerSecond, DateTimeOffset.MaxValue, default);
        if (!next.IsCompleted) _clock.Advance(at - _clock.GetUtcNow());
        return await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>The primary handler's part: some time passes, then the request is written in one or more pieces.</summary>
    private sealed class LateConnection(FakeTimeProvider clock, TimeSpan writeAfter, int writes, TimeSpan between) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await using var connection = new StampingStream(new MemoryStream());
            clock.Advance(writeAfter);
            for (var i = 0; i < writes; i++)
            {
                if (i > 0) clock.Advance(between);
                await connection.WriteAsync("POST /v23.0/123/messages HTTP/1.1\r\n"u8.ToArray(), cancellationToken);
            }
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }
}
