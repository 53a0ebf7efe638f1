using System.Net;
using Conecta.Channels.Channels;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Contracts.Events;
using Polly;
using Polly.Timeout;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>What the HTTP pipeline retries: only what can succeed on a second try, decided by Meta's code when there is one.</summary>
public sealed class GraphResilienceTests
{
    private const string WindowClosed = """{"error":{"message":"Re-engagement message","type":"OAuthException","code":131047,"error_data":{"messaging_product":"whatsapp","details":"More than 24 hours have passed"},"fbtrace_id":"AbC1"}}""";

    public static TheoryData<int, string?, string> Responses => new()
    {
        { 200, """{"messages":[{"id":"wamid.OK"}]}""", nameof(AttemptFailure.Final) },
        { 400, WindowClosed, nameof(AttemptFailure.Final) },
        { 400, """{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"fbtrace_id":"AbC2"}}""", nameof(AttemptFailure.Throttled) },
        // The pair rate limit is the recipient's wait (6 s), and a marketing-limited template's a day: neither is retried inline.
        { 400, """{"error":{"message":"(#131056) Pair rate limit hit","type":"OAuthException","code":131056,"fbtrace_id":"AbC5"}}""", nameof(AttemptFailure.Final) },
        { 429, """{"error":{"message":"(#131049) Not delivered","type":"OAuthException","code":131049,"fbtrace_id":"AbC7"}}""", nameof(AttemptFailure.Final) },
        { 429, null, nameof(AttemptFailure.Throttled) },
        { 429, """{"error":{"message":"Unknown","type":"OAuthException","code":999999,"fbtrace_id":"AbC6"}}""", nameof(AttemptFailure.Throttled) },
        { 500, """{"error":{"message":"Something went wrong","type":"OAuthException","code":131000,"fbtrace_id":"AbC3"}}""", nameof(AttemptFailure.Failed) },
        { 500, """{"error":{"message":"(#3) Application does not have the capability","type":"OAuthException","code":3,"fbtrace_id":"AbC4"}}""", nameof(AttemptFailure.Final) },
        { 503, "<html><body>Service Unavailable</body></html>", nameof(AttemptFailure.Failed) },
        { 408, null, nameof(AttemptFailure.Failed) },
        { 400, null, nameof(AttemptFailure.Final) },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task A_response_is_retried_only_when_meta_s_code_or_the_status_says_it_is_temporary(int status, string? body, string failureName)
    {
        var expected = Enum.Parse<AttemptFailure>(failureName);
        using var response = Response(status, body);

        var failure = await GraphResilience.FailureOf(Outcome.FromResult(response));

        Assert.Equal(expected, failure);
        Assert.Equal(expected != AttemptFailure.Final, failure.ShouldRetry());
        // Throttling is retried after Meta's wait but never opens the circuit.
        Assert.Equal(expected == AttemptFailure.Failed, failure.ShouldBreak());
    }

    [Fact]
    public async Task No_answer_and_a_timed_out_attempt_are_failures_anything_else_thrown_is_final()
    {
        Assert.Equal(AttemptFailure.Failed, await GraphResilience.FailureOf(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection refused"))));
        Assert.Equal(AttemptFailure.Failed, await GraphResilience.FailureOf(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.Equal(AttemptFailure.Final, await GraphResilience.FailureOf(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException())));
    }

    [Fact]
    public async Task The_refusal_still_reads_the_body_the_retry_decision_already_read()
    {
        using var response = Response(400, WindowClosed);

        await GraphResilience.FailureOf(Outcome.FromResult(response));
        var refusal = await GraphClient.RefusalAsync(response, default);

        Assert.Equal(new GraphRefused(400, 131047, "Re-engagement message", "More than 24 hours have passed",
            new GraphErrorClass(RejectionReason.WindowClosed, false)), refusal);
    }

    /// <summary>The body as the socket handler hands it over: a stream that can be read once and not rewound.</summary>
    private static HttpResponseMessage Response(int status, string? body) => new((HttpStatusCode)status)
    {
        Content = body is null ? new ByteArrayContent([]) : new StreamContent(new ReadOnceStream(System.Text.Encoding.UTF8.GetBytes(body))),
    };

    private sealed class ReadOnceStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
