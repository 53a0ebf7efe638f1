using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Conecta.Channels.Bench.Outbound;

/// <summary>
/// The admin API as an operator uses it: an HS256 token with role admin, signed with the service's
/// Auth:SigningKey (issuer, audience and role claim are the service's defaults), and
/// POST /api/channel-accounts per business number.
/// </summary>
internal static class Admin
{
    public static string MintToken(string signingKey, string issuer = "conecta-channels", string audience = "conecta-channels",
        string roleClaim = "role")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = "outbound-bench",
            [roleClaim] = "admin",
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = now,
            ["nbf"] = now - 5,
            ["exp"] = now + 3600,
        }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>Registers a WhatsApp number; fails loudly on anything but 201 Created.</summary>
    public static async Task RegisterAsync(HttpClient service, string token, string phoneNumberId, int ratePerSecond, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channel-accounts")
        {
            Content = JsonContent.Create(new
            {
                channel = "whatsapp",
                providerAccountId = phoneNumberId,
                businessAccountId = "20" + phoneNumberId,
                accessToken = "bench-token-" + phoneNumberId,
                rateLimitPerSecond = ratePerSecond,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await service.SendAsync(request, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /api/channel-accounts for {phoneNumberId} answered {(int)response.StatusCode}: " +
                                                await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
