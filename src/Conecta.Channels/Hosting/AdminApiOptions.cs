using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>Where the admin API is served, and who may read its reference.</summary>
internal sealed class AdminApiOptions
{
    public const string Section = "AdminApi";

    /// <summary>
    /// The local port of a listener of the admin API's own (also listed in ASPNETCORE_URLS / --urls / Kestrel:Endpoints):
    /// the admin API, its reference and everything but the webhooks answer only there, the webhooks only on the other
    /// listeners, health on all. Null: one listener serves everything.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>The OpenAPI document and the Scalar UI without a token. False: a reader or admin token is required.</summary>
    public bool AnonymousDocs { get; set; }
}

internal sealed class AdminApiOptionsValidator : IValidateOptions<AdminApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminApiOptions options) =>
        options.Port is null or (>= 1 and <= 65535)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("AdminApi:Port must be a TCP port (1–65535), or unset to serve the admin API on every listener.");
}
