using System.Text.Json;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>A reader of GET /dev/events, the Development stream of everything the service publishes.</summary>
internal sealed class DevEvents(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    /// <summary>
    /// Opens the stream with the development token (the stream takes a token, as the admin API's reads do) and waits for its
    /// "connected" event, so nothing published afterwards is missed.
    /// </summary>
    /// <param name="baseUrl">A service of its own process; the client's base address when null.</param>
    public static async Task<DevEvents> OpenAsync(HttpClient client, string? baseUrl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/dev/events");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            AdminApi.Token(Conecta.Channels.Hosting.AdminTokens.ReaderRole, signingKey: AdminApi.DevelopmentSigningKey));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new DevEvents(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        var connected = await events.TakeAsync(1);
        Assert.Equal("connected", connected[0].GetProperty("messageType").GetString());
        return events;
    }

    /// <summary>The next <paramref name="count"/> events that pass <paramref name="only"/>, within 10 s.</summary>
    public async Task<List<JsonElement>> TakeAsync(int count, Func<JsonElement, bool>? only = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<JsonElement>();
        while (events.Count < count)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("/dev/events ended");
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var item = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            if (only is null || only(item)) events.Add(item);
        }
        return events;
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
