using System.Net;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.DeadLetters;

/// <summary>The `make run` configuration: no servers, in-memory bus, in-process dedup, SQLite, /dev/events.</summary>
public sealed class EmbeddedModeTests : IDisposable
{
    private readonly EmbeddedAppFactory _app = new();

    [Fact]
    public async Task A_signed_post_is_streamed_on_dev_events_once_even_when_retried()
    {
        using var client = _app.CreateClient();
        using var stream = await DevEvents.OpenAsync(_app.CreateClient());
        var body = Fixtures.Read("whatsapp/messages/pywa-message-location-current.json");

        using var first = await SignedPosts.PostAsync(client, body, secret: "dev-app-secret");
        using var retry = await SignedPosts.PostAsync(client, body, secret: "dev-app-secret");
        // pywa fixtures share their wamid; another account id makes the marker a different event.
        var marker = SignedPosts.ForAccount(Fixtures.Read("whatsapp/messages/pywa-message-text.json"), await RegisteredAccounts.RegisterAsync(_app));
        using var third = await SignedPosts.PostAsync(client, marker, "dev-app-secret");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        // The retry published nothing, so the next inbound message after the location is the marker's
        // text (session events come in between: each message opens a conversation).
        var events = await stream.TakeAsync(2, e => e.GetProperty("messageType").GetString() == "InboundMessageReceived");
        Assert.Equal("InboundMessageReceived", events[0].GetProperty("messageType").GetString());
        Assert.Equal("location", events[0].GetProperty("message").GetProperty("type").GetString());
        Assert.Equal("text", events[1].GetProperty("message").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_poison_payload_lands_in_sqlite_and_migrations_rerun_cleanly()
    {
        using var client = _app.CreateClient();
        const string poison = "{\"object\":\"page\",\"entry\":[]}";

        using var response = await SignedPosts.PostAsync(client, poison, secret: "dev-app-secret");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = new SqliteConnection($"Data Source={_app.SqlitePath}");
        var reason = await db.QuerySingleAsync<string>("SELECT reason FROM dead_letters");
        Assert.Equal("unexpected object 'page'", reason);
        var rerun = _app.Services.GetRequiredService<Conecta.Channels.Data.Database>().Migrate();
        Assert.True(rerun.Successful);
        Assert.Empty(rerun.Scripts);
    }

    [Fact]
    public async Task Dev_events_streams_only_with_a_token_and_dev_token_hands_one_out()
    {
        using var client = _app.CreateClient();

        using var anonymous = await client.GetAsync("/dev/events", HttpCompletionOption.ResponseHeadersRead);
        var token = await client.GetStringAsync("/dev/token");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev/events");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var authorized = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Equal("text/event-stream", authorized.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _app.Dispose();
}
