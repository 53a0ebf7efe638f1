using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>The read side, as a user of the API reads it.</summary>
internal static class Conversations
{
    /// <summary>
    /// GET /api/conversations/{account}/{contact} with a reader token, until it reads <paramref name="state"/>: a session
    /// event is published before the change it tells of is stored.
    /// </summary>
    public static async Task<JsonElement> StateAsync(WebApplicationFactory<Program> app, string account, string contact, string state)
    {
        using var client = app.Client(Conecta.Channels.Hosting.AdminTokens.ReaderRole);
        return await Eventually.ReadAsync(client, $"/api/conversations/{account}/{contact}", view => view.GetProperty("state").GetString() == state);
    }
}
