using System.Net;
using System.Text.Json;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// The request limits with tiny numbers and an hour-long window, so what is counted is the test's requests, never the
/// machine's speed: webhooks per source and all together, the admin API per token (per source without a valid one),
/// health never. A refusal is a 429 ProblemDetails with Retry-After. Sources are set on the test server's connection
/// (documentation addresses, RFC 5737: no traffic goes anywhere).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RequestLimitsTests : IDisposable
{
    private readonly AppFactory _app = new([
        ("RequestLimits:WebhooksPerSource", "2"),
        ("RequestLimits:Webhooks", "3"),
        ("RequestLimits:ApiPerClient", "2"),
        ("RequestLimits:Window", "01:00:00"),
    ]);

    private async Task<HttpContext> SendAsync(string method, string path, string source, string? token = null) =>
        await _app.Server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = IPAddress.Parse(source);
            if (token is not null) context.Request.Headers.Authorization = "Bearer " + token;
            if (method == "POST")
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream("{}"u8.ToArray());
            }
        });

    private static async Task<JsonElement> ProblemAsync(HttpContext response)
    {
        using var document = await JsonDocument.ParseAsync(response.Response.Body);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Webhooks_are_limited_per_source_then_all_together_with_a_429_problem_and_retry_after()
    {
        _ = _app.Services; // started
        var first = await SendAsync("POST", "/webhooks/whatsapp", "192.0.2.1");
        var second = await SendAsync("POST", "/webhooks/whatsapp", "192.0.2.1");
        var sourceOver = await SendAsync("POST", "/webhooks/whatsapp", "192.0.2.1");
        var otherSource = await SendAsync("POST", "/webhooks/whatsapp", "192.0.2.2");
        var allOver = await SendAsync("POST", "/webhooks/whatsapp", "192.0.2.3");

        // Unsigned: the webhook's own 401, once the limits let them through.
        Assert.Equal([401, 401, 429, 401, 429],
            new[] { first, second, sourceOver, otherSource, allOver }.Select(c => c.Response.StatusCode));
        foreach (var refused in new[] { sourceOver, allOver })
        {
            var seconds = int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, 3600);
            var problem = await ProblemAsync(refused);
            Assert.Equal((429, "Too many requests"), (problem.GetProperty("status").GetInt32(), problem.GetProperty("title").GetString()));
            Assert.Contains($"retry after {seconds} s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_admin_api_is_limited_per_token_and_without_a_valid_one_per_source()
    {
        var token = AdminApi.Token(AdminTokens.ReaderRole);
        var other = AdminApi.Token(AdminTokens.ReaderRole, issuedAt: DateTimeOffset.UtcNow.AddSeconds(-1));

        var withToken = new List<int>();
        for (var i = 0; i < 3; i++) withToken.Add((await SendAsync("GET", "/api/channel-accounts", "192.0.2.10", token)).Response.StatusCode);
        // Another token from the same source has a window of its own.
        var otherToken = (await SendAsync("GET", "/api/channel-accounts", "192.0.2.10", other)).Response.StatusCode;
        var anonymous = new List<int>();
        for (var i = 0; i < 3; i++) anonymous.Add((await SendAsync("GET", "/api/channel-accounts", "192.0.2.11", "not-a-token")).Response.StatusCode);

        Assert.Equal([200, 200, 429], withToken);
        Assert.Equal(200, otherToken);
        Assert.Equal([401, 401, 429], anonymous);
    }

    [Fact]
    public async Task Health_is_never_limited()
    {
        var answers = new List<int>();
        for (var i = 0; i < 6; i++) answers.Add((await SendAsync("GET", "/health/live", "192.0.2.20")).Response.StatusCode);

        Assert.All(answers, status => Assert.Equal(200, status));
    }

    public void Dispose() => _app.Dispose();
}
