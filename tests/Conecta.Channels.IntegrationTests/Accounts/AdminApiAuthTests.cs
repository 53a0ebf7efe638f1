using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

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

    public static TheoryData<string, HttpStatusCode> BadTokens => new()
    {
        { "wrong issuer", HttpStatusCode.Unauthorized },
        { "wrong audience", HttpStatusCode.Unauthorized },
        { "alg none", HttpStatusCode.Unauthorized },
        { "expired", HttpStatusCode.Unauthorized },
        { "not yet valid", HttpStatusCode.Unauthorized },
        { "wrong key", HttpStatusCode.Unauthorized },
        { "lifetime over the maximum", HttpStatusCode.Unauthorized },
        { "no role", HttpStatusCode.Forbidden },
        { "an unknown role", HttpStatusCode.Forbidden },
    };

    private static string BadToken(string kind) => kind switch
    {
        "wrong issuer" => AdminApi.Token(AdminTokens.AdminRole, issuer: "evil"),
        "wrong audience" => AdminApi.Token(AdminTokens.AdminRole, audience: "evil"),
        "alg none" => AdminApi.UnsignedToken(),
        "expired" => AdminApi.Token(AdminTokens.AdminRole, TimeSpan.FromMinutes(5), issuedAt: DateTimeOffset.UtcNow.AddHours(-1)),
        "not yet valid" => AdminApi.Token(AdminTokens.AdminRole, issuedAt: DateTimeOffset.UtcNow.AddHours(1)),
        "wrong key" => AdminApi.Token(AdminTokens.AdminRole, signingKey: "another-key-that-is-long-enough-for-hs256-0123"),
        // Valid now, signed with the right key, but made to live two days (Auth:MaxTokenLifetime is one).
        "lifetime over the maximum" => AdminApi.Token(AdminTokens.AdminRole, TimeSpan.FromDays(2)),
        "no role" => AdminApi.Token("operator"),
        "an unknown role" => AdminApi.Token("root"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Every_bad_token_kind_is_refused_on_reads_and_writes(string kind, HttpStatusCode expected)
    {
        using var client = app.CreateClient();
        var token = BadToken(kind);

        var read = await StatusWithAsync(client, token);
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/templates/sync");
        write.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var written = await client.SendAsync(write);

        Assert.Equal((expected, expected), (read, written.StatusCode));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(client, AdminApi.Token(AdminTokens.AdminRole, TimeSpan.FromDays(1))));
    }

    [Fact]
    public async Task Without_a_token_the_reference_is_401_in_production()
    {
        using var client = app.CreateClient();

        using var document = await client.GetAsync("/openapi/v1.json");
        using var scalar = await client.GetAsync("/scalar/");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (document.StatusCode, scalar.StatusCode));
    }

    [Fact]
    public async Task With_anonymous_docs_configured_the_reference_needs_no_token_and_the_api_still_does()
    {
        // An app of its own (its own broker virtual host): one derived from the shared app would consume the shared app's
        // commands, and, disposed, go on taking them with a disposed service provider.
        await using var anonymousDocs = new AppFactory([("AdminApi:AnonymousDocs", "true")]);
        using var client = anonymousDocs.CreateClient();

        using var document = await client.GetAsync("/openapi/v1.json");
        using var accounts = await client.GetAsync("/api/channel-accounts");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (document.StatusCode, accounts.StatusCode));
    }

    [Fact]
    public async Task A_path_nobody_mapped_is_401_without_a_token_the_fallback_policy_and_404_with_one()
    {
        using var anonymous = app.CreateClient();
        using var reader = app.Client(AdminTokens.ReaderRole);

        using var refused = await anonymous.GetAsync("/api/not-an-endpoint");
        using var missing = await reader.GetAsync("/api/not-an-endpoint");
        using var health = await anonymous.GetAsync("/health/live");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.OK), (refused.StatusCode, missing.StatusCode, health.StatusCode));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_api_with_bearer_auth_and_scalar_serves_it()
    {
        using var client = app.Client(AdminTokens.ReaderRole);

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
