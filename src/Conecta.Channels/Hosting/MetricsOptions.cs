using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>Who may scrape <c>/metrics</c>.</summary>
internal enum MetricsAccess
{
    /// <summary>No scrape endpoint (the path is unmapped); the instruments still feed OTLP when it is configured.</summary>
    Off,
    /// <summary>A reader or admin token, like the admin API's reads.</summary>
    Token,
    /// <summary>Without a token: Development, or a listener of its own (<see cref="MetricsOptions.Port"/>) no one outside reaches.</summary>
    Anonymous,
}

/// <summary>The Prometheus scrape endpoint: off unless configured (on, anonymous, in appsettings.Development.json).</summary>
internal sealed class MetricsOptions
{
    public const string Section = "Metrics";
    public const string Path = "/metrics";

    public MetricsAccess Access { get; set; } = MetricsAccess.Off;

    /// <summary>
    /// The local port of the listener <c>/metrics</c> answers on (also listed in ASPNETCORE_URLS / --urls); elsewhere it is
    /// a 404. Null: wherever the admin API answers (its own listener when AdminApi:Port is set, else every listener).
    /// </summary>
    public int? Port { get; set; }

    /// <summary>Whether a request that came in on <paramref name="localPort"/> may reach the scrape endpoint.</summary>
    internal bool ServedOn(int localPort, int? adminPort) => (Port ?? adminPort) is not { } port || port == localPort;
}

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        if (!Enum.IsDefined(options.Access))
            return ValidateOptionsResult.Fail("Metrics:Access must be Off, Token or Anonymous.");
        if (options.Port is { } port && port is < 1 or > 65535)
            return ValidateOptionsResult.Fail("Metrics:Port must be a TCP port (1–65535), or unset to serve /metrics where the admin API answers.");
        if (options.Port is not null && options.Access == MetricsAccess.Off)
            return ValidateOptionsResult.Fail("Metrics:Port is set but Metrics:Access is Off: set Metrics:Access to Token or Anonymous, or remove the port.");
        return ValidateOptionsResult.Success;
    }
}
