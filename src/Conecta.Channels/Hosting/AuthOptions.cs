using System.Text;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>Who may call the admin API: JWT bearer tokens signed with our key (HS256) or issued by an OpenID authority.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string DevelopmentMarker = "dev-";

    /// <summary>Symmetric HS256 key (at least 32 bytes of UTF-8). Set this or <see cref="Authority"/>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect issuer whose published keys sign the tokens. Set this or <see cref="SigningKey"/>.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "conecta-channels";

    public string Audience { get; set; } = "conecta-channels";

    /// <summary>The claim that carries the roles (admin, reader); identity providers differ (role, roles, …).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>How long the token printed at start in Development stays valid.</summary>
    public TimeSpan DevelopmentTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest lifetime (exp − iat) a token may have; a longer-lived token is refused even while it is valid.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    public byte[] SigningKeyBytes() => Encoding.UTF8.GetBytes(SigningKey ?? "");
}

/// <summary>Refuses to start without a way to verify tokens; the development key only in Development.</summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var hasKey = !string.IsNullOrEmpty(options.SigningKey);
        var hasAuthority = !string.IsNullOrWhiteSpace(options.Authority);
        if (hasKey == hasAuthority)
            failures.Add("Set exactly one of Auth:SigningKey (HS256, Auth__SigningKey) or Auth:Authority (OpenID Connect issuer).");
        if (hasKey && options.SigningKeyBytes().Length < 32)
            failures.Add("Auth:SigningKey must be at least 32 bytes long.");
        if (hasAuthority && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
            failures.Add("Auth:Authority must be an absolute URL.");
        if (string.IsNullOrWhiteSpace(options.Audience) || string.IsNullOrWhiteSpace(options.RoleClaim))
            failures.Add("Auth:Audience and Auth:RoleClaim must not be empty.");
        if (options.MaxTokenLifetime <= TimeSpan.Zero || options.DevelopmentTokenLifetime <= TimeSpan.Zero
            || options.DevelopmentTokenLifetime > options.MaxTokenLifetime)
            failures.Add("Auth:MaxTokenLifetime must be positive, and Auth:DevelopmentTokenLifetime positive and not above it.");
        if (!environment.IsDevelopment() && options.SigningKey?.StartsWith(AuthOptions.DevelopmentMarker, StringComparison.Ordinal) == true)
            failures.Add("The development Auth:SigningKey ('dev-…') is refused outside the Development environment.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
