using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>The read side, as a user of the API reads it.</summary>
internal static class Conversations
{
    /// <summary>GET /api/conversations/{account}/{contact} with a reader token.</summary>
    public static async Task<JsonElement> StateAsync(WebApplicationFactory<Program> app, string account, string contact)
    {
        using var client = app.Client(Conecta.Channels.Hosting.AdminTokens.ReaderRole);
        using var response = await client.GetAsync($"/api/conversations/{account}/{contact}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
