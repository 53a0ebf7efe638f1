using System.Net;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Contracts.Events;
using Polly;
using Polly.Timeout;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>What the HTTP pipeline retries: only what can succeed on a second try, decided by Meta's code when there is one.</summary>
public sealed class GraphResilienceTests
{
    private const string WindowClosed = """{"error":{"message":"Re-engagement message","type":"OAuthException","code":131047,"error_data":{"messaging_product":"whatsapp","details":"More than 24 hours have passed"},"fbtrace_id":"AbC1"}}""";

    public static TheoryData<int, string?, bool> Responses => new()
    {
        { 200, """{"messages":[{"id":"wamid.OK"}]}""", false },
        { 400, WindowClosed, false },
        { 400, """{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"fbtrace_id":"AbC2"}}""", true },
        { 429, null, true },
        { 500, """{"error":{"message":"Something went wrong","type":"OAuthException","code":131000,"fbtrace_id":"AbC3"}}""", true },
        { 500, """{"error":{"message":"(#3) Application does not have the capability","type":"OAuthException","code":3,"fbtrace_id":"AbC4"}}""", false },
        { 503, "<html><body>Service Unavailable</body></html>", true },
        { 400, null, false },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task A_response_is_retried_only_when_meta_s_code_or_the_status_says_it_is_temporary(int status, string? body, bool retry)
    {
        using var response = Response(status, body);

        Assert.Equal(retry, await GraphResilience.ShouldRetry(Outcome.FromResult(response)));
    }

    [Fact]
    public async Task No_answer_and_a_timed_out_attempt_are_retried_anything_else_thrown_is_not()
    {
        Assert.True(await GraphResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection refused"))));
        Assert.True(await GraphResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(await GraphResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException())));
    }

    [Fact]
    public async Task The_refusal_still_reads_the_body_the_retry_decision_already_read()
    {
        using var response = Response(400, WindowClosed);

        await GraphResilience.ShouldRetry(Outcome.FromResult(response));
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
