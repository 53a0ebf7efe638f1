using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>What a newcomer does against `make run`: the development admin token, the sandbox's account, a template.</summary>
internal static class SandboxClient
{
    public static HttpClient Admin(WebApplicationFactory<Program> app) => app.Client(signingKey: AdminApi.DevelopmentSigningKey);

    /// <summary>The id of the account the sandbox registered for its business number.</summary>
    public static async Task<Guid> AccountIdAsync(HttpClient admin)
    {
        var accounts = await admin.GetFromJsonAsync<JsonElement>("/api/channel-accounts?channel=whatsapp");
        return accounts.EnumerateArray().Single(a => a.GetProperty("providerAccountId").GetString() == SandboxAppFactory.SandboxNumber)
            .GetProperty("id").GetGuid();
    }

    /// <summary>POST /api/templates of a one-variable body; the created template.</summary>
    public static async Task<JsonElement> CreateTemplateAsync(HttpClient admin, Guid accountId, string name, string category = "UTILITY")
    {
        using var response = await admin.PostAsJsonAsync("/api/templates", new
        {
            accountId, name, language = "pt_BR", category,
            components = new[] { new { type = "BODY", text = "Olá {{1}}, podemos retomar seu atendimento?", example = new { bodyText = BodySample } } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await AdminApi.ReadJsonAsync(response);
    }

    /// <summary>The simulated contact sends a message (POST /sandbox/contacts/{from}/messages); the answer.</summary>
    public static async Task<JsonElement> ContactSendsAsync(HttpClient client, string from, object message)
    {
        using var response = await client.PostAsJsonAsync($"/sandbox/contacts/{from}/messages", message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static readonly string[][] BodySample = [["Maria"]];
}
