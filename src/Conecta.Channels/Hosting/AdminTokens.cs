using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Conecta.Channels.Hosting;

/// <summary>The roles of the admin API and the tokens this service can mint itself (development token, tests).</summary>
internal static class AdminTokens
{
    public const string AdminRole = "admin";
    public const string ReaderRole = "reader";

    /// <summary>Writes: accounts and templates change, Meta is called.</summary>
    public const string WritePolicy = "admin-api-write";

    /// <summary>Reads: lists and single records; admins may read too.</summary>
    public const string ReadPolicy = "admin-api-read";

    /// <summary>
    /// Why a token whose signature, issuer, audience and dates are valid is still refused: a lifetime (exp − iat, or exp − nbf
    /// when it has no iat) longer than <paramref name="max"/>, or no issue time at all. Null when it may be used.
    /// </summary>
    public static string? LifetimeProblem(DateTime issuedAt, DateTime notBefore, DateTime expires, TimeSpan max)
    {
        var from = issuedAt != DateTime.MinValue ? issuedAt : notBefore;
        if (from == DateTime.MinValue) return "The token has neither iat nor nbf: its lifetime cannot be checked.";
        return expires - from > max ? $"The token's lifetime ({expires - from:c}) is longer than Auth:MaxTokenLifetime ({max:c})." : null;
    }

    /// <summary>An HS256 token signed with Auth:SigningKey.</summary>
    public static string Mint(AuthOptions options, string subject, IEnumerable<string> roles, DateTimeOffset issuedAt, DateTimeOffset expires)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject) };
        claims.AddRange(roles.Select(role => new Claim(options.RoleClaim, role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });
    }
}
