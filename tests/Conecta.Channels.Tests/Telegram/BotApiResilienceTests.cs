using System.Net;
using System.Text;
using Conecta.Channels.Channels;
using Conecta.Channels.Channels.Telegram.BotApi;
using Polly;
using Polly.Timeout;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>What the Bot API pipeline retries, and how long it waits: Telegram's retry_after, up to a limit.</summary>
public sealed class BotApiResilienceTests
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    private static string Error(int code, string description, string parameters = "") =>
        $$"""{"ok":false,"error_code":{{code}},"description":"{{description}}"{{parameters}}}""";

    public static TheoryData<int, string?, string> Responses => new()
    {
        { 200, """{"ok":true,"result":{"message_id":1,"chat":{"id":5,"type":"private"},"date":1}}""", nameof(AttemptFailure.Final) },
        { 429, Error(429, "Too Many Requests: retry after 3", ""","parameters":{"retry_after":3}"""), nameof(AttemptFailure.Throttled) },
        { 429, Error(429, "Too Many Requests: retry after 10", ""","parameters":{"retry_after":10}"""), nameof(AttemptFailure.Throttled) },
        // Longer than MaxRetryAfter: the command is rejected RateLimited (retryable) instead of held.
        { 429, Error(429, "Too Many Requests: retry after 35", ""","parameters":{"retry_after":35}"""), nameof(AttemptFailure.Final) },
        { 429, null, nameof(AttemptFailure.Throttled) },
        { 403, Error(403, "Forbidden: bot was blocked by the user"), nameof(AttemptFailure.Final) },
        { 403, Error(403, "Forbidden: bot can't initiate conversation with a user"), nameof(AttemptFailure.Final) },
        { 400, Error(400, "Bad Request: chat not found"), nameof(AttemptFailure.Final) },
        { 401, Error(401, "Unauthorized"), nameof(AttemptFailure.Final) },
        { 500, Error(500, "Internal Server Error"), nameof(AttemptFailure.Failed) },
        { 502, "<html>Bad Gateway</html>", nameof(AttemptFailure.Failed) },
        { 400, null, nameof(AttemptFailure.Final) },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task A_response_is_retried_only_when_it_can_succeed_in_time(int status, string? body, string failureName)
    {
        var expected = Enum.Parse<AttemptFailure>(failureName);
        using var response = Response(status, body);

        var failure = await BotApiResilience.FailureOf(Outcome.FromResult(response), MaxRetryAfter);

        Assert.Equal(expected, failure);
        Assert.Equal(expected != AttemptFailure.Final, failure.ShouldRetry());
        // Flood control is retried after Telegram's wait but never opens the circuit.
        Assert.Equal(expected == AttemptFailure.Failed, failure.ShouldBreak());
    }

    [Fact]
    public async Task No_answer_and_a_timed_out_attempt_are_failures_anything_else_thrown_is_final()
    {
        Assert.Equal(AttemptFailure.Failed, await BotApiResilience.FailureOf(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), MaxRetryAfter));
        Assert.Equal(AttemptFailure.Failed, await BotApiResilience.FailureOf(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), MaxRetryAfter));
        Assert.Equal(AttemptFailure.Final, await BotApiResilience.FailureOf(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException()), MaxRetryAfter));
    }

    [Fact]
    public async Task The_wait_is_telegram_s_retry_after_then_a_retry_after_header_then_the_backoff()
    {
        using var body = Response(429, Error(429, "Too Many Requests: retry after 7", ""","parameters":{"retry_after":7}"""));
        using var header = Response(429, null);
        header.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
        using var neither = Response(500, Error(500, "Internal Server Error"));

        Assert.Equal(TimeSpan.FromSeconds(7), await BotApiResilience.RetryAfter(Outcome.FromResult(body)));
        Assert.Equal(TimeSpan.FromSeconds(2), await BotApiResilience.RetryAfter(Outcome.FromResult(header)));
        Assert.Null(await BotApiResilience.RetryAfter(Outcome.FromResult(neither)));
    }

    private static HttpResponseMessage Response(int status, string? body) => new((HttpStatusCode)status)
    {
        Content = new ByteArrayContent(body is null ? [] : Encoding.UTF8.GetBytes(body)),
    };
}
