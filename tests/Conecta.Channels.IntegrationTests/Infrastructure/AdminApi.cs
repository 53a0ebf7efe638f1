using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>Tokens and calls of the admin API, the way an admin client makes them.</summary>
internal static class AdminApi
{
    public const string SigningKey = AppFactory.SigningKey;
    public const string DevelopmentSigningKey = "dev-signing-key-conecta-channels-public-not-secret";

    public static string Token(string role, TimeSpan? validFor = null, string signingKey = SigningKey, DateTimeOffset? issuedAt = null,
        string issuer = "conecta-channels", string audience = "conecta-channels")
    {
        var issued = issuedAt ?? DateTimeOffset.UtcNow;
        return AdminTokens.Mint(new AuthOptions { SigningKey = signingKey, Issuer = issuer, Audience = audience }, "it-" + role, [role], issued,
            issued + (validFor ?? TimeSpan.FromMinutes(10)));
    }

    /// <summary>A valid admin token's claims with the header {"alg":"none"} and no signature.</summary>
    public static string UnsignedToken()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        static string Part(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
        return Part("""{"alg":"none","typ":"JWT"}""") + "." +
            Part($$"""{"sub":"it-admin","role":"admin","iss":"conecta-channels","aud":"conecta-channels","iat":{{now}},"nbf":{{now}},"exp":{{now + 600}}}""") + ".";
    }

    /// <summary>A client that sends a bearer token with the given role.</summary>
    public static HttpClient Client<T>(this WebApplicationFactory<T> app, string role = AdminTokens.AdminRole,
        string signingKey = SigningKey) where T : class
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, signingKey: signingKey));
        return client;
    }

    /// <summary>A WhatsApp account input with fresh ids, so tests sharing one database never collide.</summary>
    public static Dictionary<string, object?> WhatsAppAccount(string? businessAccountId = null, string accessToken = "EAAG-it-token")
    {
        return new Dictionary<string, object?>
        {
            ["channel"] = "whatsapp",
            ["providerAccountId"] = UniqueDigits(),
            ["businessAccountId"] = businessAccountId ?? UniqueDigits(),
            ["displayNumber"] = "+55 31 98888-7777",
            ["accessToken"] = accessToken,
        };
    }

    public static async Task<JsonElement> CreateAccountAsync(HttpClient client, Dictionary<string, object?> account)
    {
        using var response = await client.PostAsJsonAsync("/api/channel-accounts", account);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string path, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    /// <summary>PUT of the account with <paramref name="defaultTeam"/> changed, conditional on version 1.</summary>
    public static async Task<HttpStatusCode> UpdateTeamAsync(HttpClient client, Guid id, Dictionary<string, object?> input, string defaultTeam)
    {
        var change = new Dictionary<string, object?>(input) { ["defaultTeam"] = defaultTeam, ["accessToken"] = null };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/channel-accounts/{id}") { Content = JsonContent.Create(change) };
        request.Headers.IfMatch.ParseAdd("\"1\"");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static string UniqueDigits() =>
        "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
