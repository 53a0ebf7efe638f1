using System.Net;
using System.Text.Json;
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
        using var stream = await client.GetAsync("/dev/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var body = Fixtures.Read("whatsapp/messages/pywa-message-location-current.json");
        Assert.Equal("connected", (await ReadEventsAsync(reader, count: 1))[0].GetProperty("messageType").GetString());

        using var first = await SignedPosts.PostAsync(client, body, secret: "dev-app-secret");
        using var retry = await SignedPosts.PostAsync(client, body, secret: "dev-app-secret");
        // pywa fixtures share their wamid; another account id makes the marker a different event.
        var marker = SignedPosts.Unique(Fixtures.Read("whatsapp/messages/pywa-message-text.json"), out _);
        using var third = await SignedPosts.PostAsync(client, marker, "dev-app-secret");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        // The retry published nothing, so the next event after the location is the marker's text.
        var events = await ReadEventsAsync(reader, count: 2);
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

    private static async Task<List<JsonElement>> ReadEventsAsync(StreamReader reader, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<JsonElement>();
        while (events.Count < count)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is null) break;
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                events.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
        }
        return events;
    }

    public void Dispose() => _app.Dispose();
}
