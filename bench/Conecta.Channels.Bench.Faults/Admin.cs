using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Conecta.Channels.Bench.Faults;

/// <summary>POST /api/channel-accounts (and PUT): the fields an admin sends.</summary>
internal sealed record AccountInput(
    string? Channel,
    string? ProviderAccountId,
    string? BusinessAccountId,
    string? DisplayNumber = null,
    string? AccessToken = null,
    string? GraphApiVersion = null,
    string? DefaultTeam = null,
    int? RateLimitPerSecond = null,
    string? JoinNotice = null,
    string? LeaveNotice = null);

internal sealed record TemplateComponentInput(string Type, string? Text, string? Format = null, TemplateExampleInput? Example = null);

internal sealed record TemplateExampleInput(List<List<string>>? BodyText);

/// <summary>POST /api/templates.</summary>
internal sealed record TemplateInput(Guid AccountId, string? Name, string? Language, string? Category, List<TemplateComponentInput>? Components,
    string? ParameterFormat = null);

/// <summary>POST /api/phone-numbers/validate.</summary>
internal sealed record PhoneInput(string? Number, string? DefaultRegion, bool? RequireMobile);

/// <summary>POST /api/messages.</summary>
internal sealed record MessageInput(string? Type, string? AccountId, string? To, string? Text, Guid? CommandId = null);

/// <summary>
/// HS256 tokens as the service's signing-key mode expects them (issuer and audience conecta-channels, role claim
/// "role"), and the broken ones an attacker would try.
/// </summary>
internal static class Tokens
{
    public const string Issuer = "conecta-channels";

    public static string Mint(string signingKey, string? role, string issuer = Issuer, string audience = Issuer,
        TimeSpan? validFrom = null, TimeSpan? lifetime = null, string alg = "HS256")
    {
        var now = DateTimeOffset.UtcNow;
        var nbf = now + (validFrom ?? TimeSpan.FromSeconds(-5));
        var exp = nbf + (lifetime ?? TimeSpan.FromHours(2));
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "faults-bench",
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = nbf.ToUnixTimeSeconds(),
            ["exp"] = exp.ToUnixTimeSeconds(),
        };
        if (role is not null) claims["role"] = role;
        var header = Base64Url(Encoding.UTF8.GetBytes($$"""{"alg":"{{alg}}","typ":"JWT"}"""));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims, FaultsJson.Default.DictionaryStringObject));
        if (alg == "none") return $"{header}.{payload}.";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Registers a WhatsApp number through the admin API; fails loudly on anything but 201 (or 409: already there).</summary>
    public static async Task RegisterAsync(HttpClient service, string signingKey, string phoneNumberId, int ratePerSecond, CancellationToken cancellationToken)
    {
        var input = new AccountInput("whatsapp", phoneNumberId, "20" + phoneNumberId, AccessToken: "faults-token-" + phoneNumberId,
            RateLimitPerSecond: ratePerSecond);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channel-accounts")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(input, FaultsJson.Default.AccountInput)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Mint(signingKey, "admin"));
        using var response = await service.SendAsync(request, cancellationToken);
        if (response.StatusCode is not (System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict))
            throw new InvalidOperationException($"POST /api/channel-accounts for {phoneNumberId} answered {(int)response.StatusCode}: " +
                                                await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
