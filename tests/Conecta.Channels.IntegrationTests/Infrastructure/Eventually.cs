using System.Net.Http.Json;
using System.Text.Json;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>Waits for what a bus consumer does in the background to show through the API.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }

    /// <summary>
    /// GET <paramref name="path"/> until it answers a JSON object that is <paramref name="done"/>: the read side may be a
    /// moment behind the bus (an event goes out before the change it tells of is stored, a command's outcome after its 202).
    /// </summary>
    public static Task<JsonElement> ReadAsync(HttpClient client, string path, Func<JsonElement, bool> done) =>
        GetAsync(async () =>
        {
            using var response = await client.GetAsync(path);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, view => view.ValueKind == JsonValueKind.Object && done(view));
}
