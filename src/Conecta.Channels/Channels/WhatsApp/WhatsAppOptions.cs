using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

internal sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";
    public const string DevelopmentMarker = "dev-";

    /// <summary>Meta app secrets that may sign webhooks; several while a secret is being rotated.</summary>
    public List<string> AppSecrets { get; set; } = [];

    /// <summary>The token Meta echoes in the verification handshake.</summary>
    public string VerifyToken { get; set; } = "";

    /// <summary>Largest webhook body accepted. Meta sends up to about 3 MB.</summary>
    public long MaxWebhookBodyBytes { get; set; } = 4 * 1024 * 1024;

    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>The Graph version pinned for accounts that do not set their own.</summary>
    public string GraphApiVersion { get; set; } = "v24.0";

    public TimeSpan GraphAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan GraphTotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int GraphMaxRetries { get; set; } = 3;

    /// <summary>Base of the jittered exponential backoff (a Retry-After header wins when present).</summary>
    public TimeSpan GraphRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Meta's media host: where the download URLs Graph answers point.</summary>
    public const string MetaMediaOrigin = "https://lookaside.fbsbx.com";

    /// <summary>
    /// The origins (scheme, host, port) a media URL answered by Graph may have before the account's bearer token is sent
    /// to it: Meta's media host, and what configuration adds (https; plain http only on a loopback host, for local fakes).
    /// </summary>
    public List<string> MediaOrigins { get; set; } = [MetaMediaOrigin];

    /// <summary>Whether a download URL is https (or loopback http) on one of <see cref="MediaOrigins"/>.</summary>
    public bool AllowsMediaUrl(Uri url) =>
        url.IsAbsoluteUri && string.IsNullOrEmpty(url.UserInfo) && MediaOrigins.Exists(origin =>
            Uri.TryCreate(origin, UriKind.Absolute, out var allowed) && IsOrigin(allowed) &&
            allowed.Scheme == url.Scheme && string.Equals(allowed.IdnHost, url.IdnHost, StringComparison.OrdinalIgnoreCase) && allowed.Port == url.Port);

    /// <summary>An origin fit for the allow-list: https, or http to a loopback host; nothing after the port.</summary>
    internal static bool IsOrigin(Uri origin) =>
        (origin.Scheme == Uri.UriSchemeHttps || (origin.Scheme == Uri.UriSchemeHttp && origin.IsLoopback))
        && string.IsNullOrEmpty(origin.UserInfo) && origin.AbsolutePath == "/" && string.IsNullOrEmpty(origin.Query) && string.IsNullOrEmpty(origin.Fragment);
}

/// <summary>Refuses to start without real secrets; development values are accepted only in Development.</summary>
internal sealed class WhatsAppOptionsValidator(IHostEnvironment environment) : IValidateOptions<WhatsAppOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatsAppOptions options)
    {
        var failures = new List<string>();
        if (options.AppSecrets.Count == 0 || options.AppSecrets.Exists(string.IsNullOrWhiteSpace))
            failures.Add("WhatsApp:AppSecrets needs at least one non-empty app secret (WhatsApp__AppSecrets__0).");
        if (string.IsNullOrWhiteSpace(options.VerifyToken))
            failures.Add("WhatsApp:VerifyToken is required (WhatsApp__VerifyToken).");
        if (!environment.IsDevelopment() &&
            (options.VerifyToken.StartsWith(WhatsAppOptions.DevelopmentMarker, StringComparison.Ordinal) ||
             options.AppSecrets.Exists(s => s.StartsWith(WhatsAppOptions.DevelopmentMarker, StringComparison.Ordinal))))
            failures.Add("Development secrets ('dev-…') are refused outside the Development environment.");
        if (options.MaxWebhookBodyBytes is < 1024 or > 64 * 1024 * 1024)
            failures.Add("WhatsApp:MaxWebhookBodyBytes must be between 1 KiB and 64 MiB.");
        if (options.GraphMaxRetries is < 0 or > 10) failures.Add("WhatsApp:GraphMaxRetries must be between 0 and 10.");
        if (options.GraphAttemptTimeout <= TimeSpan.Zero || options.GraphTotalTimeout < options.GraphAttemptTimeout)
            failures.Add("WhatsApp:GraphAttemptTimeout must be positive and not above GraphTotalTimeout.");
        if (!Uri.TryCreate(options.GraphBaseUrl, UriKind.Absolute, out _))
            failures.Add("WhatsApp:GraphBaseUrl must be an absolute URL.");
        if (options.MediaOrigins.Exists(o => !Uri.TryCreate(o, UriKind.Absolute, out var origin) || !WhatsAppOptions.IsOrigin(origin)))
            failures.Add("WhatsApp:MediaOrigins are origins such as https://lookaside.fbsbx.com: https (plain http only on a loopback host), nothing after the host and port.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
