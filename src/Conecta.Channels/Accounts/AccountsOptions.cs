using Microsoft.Extensions.Options;

namespace Conecta.Channels.Accounts;

internal sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>The public key of appsettings.Development.json: anyone can decrypt what it protects.</summary>
    public const string DevelopmentTokenKey = "ZGV2LXRva2VuLWtleS1jb25lY3RhLWNoYW5uZWxzISE=";

    /// <summary>Base64 of 32 random bytes: the AES-256-GCM key that protects access tokens at rest.</summary>
    public string TokenKey { get; set; } = "";

    /// <summary>How long an instance may route with an account it read; another instance's change shows after at most this.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class AccountsOptionsValidator(IHostEnvironment environment) : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        var failures = new List<string>();
        if (AccessTokenProtector.DecodeKey(options.TokenKey) is null)
            failures.Add("Accounts:TokenKey must be the base64 of 32 random bytes (Accounts__TokenKey; e.g. `openssl rand -base64 32`).");
        if (!environment.IsDevelopment() && options.TokenKey == AccountsOptions.DevelopmentTokenKey)
            failures.Add("The development Accounts:TokenKey is refused outside the Development environment.");
        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromMinutes(10))
            failures.Add("Accounts:CacheDuration must be between 0 and 10 minutes.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
