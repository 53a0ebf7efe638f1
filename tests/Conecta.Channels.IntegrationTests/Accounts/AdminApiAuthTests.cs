using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Accounts;

[Collection(ServersCollection.Name)]
public sealed class AdminApiAuthTests(AppFactory app)
{
    [Theory]
    [InlineData("/api/channel-accounts")]
    [InlineData("/api/templates")]
    public async Task Without_a_token_the_admin_api_answers_401_as_a_problem(string path)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(401, (await AdminApi.ReadJsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_reader_may_list_but_a_write_is_403()
    {
        using var reader = app.Client(AdminTokens.ReaderRole);

        using var list = await reader.GetAsync("/api/channel-accounts");
        using var create = await reader.PostAsJsonAsync("/api/channel-accounts", AdminApi.WhatsAppAccount());
        using var sync = await reader.PostAsync("/api/templates/sync", null);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sync.StatusCode);
        Assert.Equal(403, (await AdminApi.ReadJsonAsync(create)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_expired_token_a_token_signed_with_another_key_and_a_role_less_token_are_refused()
    {
        using var client = app.CreateClient();
        var expired = AdminApi.Token(AdminTokens.AdminRole, TimeSpan.FromMinutes(5), issuedAt: DateTimeOffset.UtcNow.AddHours(-1));
        var forged = AdminApi.Token(AdminTokens.AdminRole, signingKey: "another-key-that-is-long-enough-for-hs256-0123");
        var noRole = AdminApi.Token("operator");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(client, expired));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(client, forged));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusWithAsync(client, noRole));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_api_with_bearer_auth_and_scalar_serves_it()
    {
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");
        using var scalar = await client.GetAsync("/scalar/");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/channel-accounts", paths);
        Assert.Contains("/api/templates/sync", paths);
        Assert.DoesNotContain("/webhooks/whatsapp", paths);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("\"url\":\"openapi/v1.json\"", await scalar.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusWithAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/channel-accounts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
