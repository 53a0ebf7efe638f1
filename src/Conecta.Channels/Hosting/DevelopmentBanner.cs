using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>What the channels add to the development banner: the public development secrets each one runs with.</summary>
internal sealed class DevelopmentBannerOptions
{
    public List<string> Secrets { get; } = [];
}

/// <summary>
/// Development only, once the server listens: says loudly that public development secrets are in use, and prints what a
/// newcomer needs next at the address the service really listens on (the API reference, the event stream, the walkthrough)
/// with an admin token signed with the public development key.
/// </summary>
internal sealed partial class DevelopmentBanner(IOptions<DevelopmentBannerOptions> banner, IOptions<AuthOptions> auth, IHostEnvironment environment,
    IHostApplicationLifetime lifetime, IServer server, TimeProvider clock, ILogger<DevelopmentBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment()) lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The development admin token: role admin, signed with Auth:SigningKey; null when tokens come from an authority.</summary>
    public static string? Token(AuthOptions options, DateTimeOffset now) =>
        string.IsNullOrEmpty(options.SigningKey)
            ? null
            : AdminTokens.Mint(options, "development", [AdminTokens.AdminRole], now, now + options.DevelopmentTokenLifetime);

    private void Print()
    {
        var address = ListeningAddress.Of(server).AbsoluteUri.TrimEnd('/');
        LogBanner(logger, address, string.Join("; ", banner.Value.Secrets), $"{address}/scalar",
            $"curl -N {address}/dev/events -H \"Authorization: Bearer $TOKEN\"", $"scripts/walkthrough.sh {address}", auth.Value.DevelopmentTokenLifetime.TotalDays,
            Token(auth.Value, clock.GetUtcNow()) ?? "(none: tokens come from Auth:Authority)");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = """
        DEVELOPMENT MODE at {Address}: public development secrets in use ({Secrets}). Never expose this instance.
          API reference (Scalar): {Scalar}
          Every published event:  {Events}  (TOKEN=$(curl -s {Address}/dev/token))
          The walkthrough:        {Walkthrough}
          Admin API token (role admin, valid {Days} days, signed with the public development key; also GET /dev/token): {Token}
        """)]
    private static partial void LogBanner(ILogger logger, string address, string secrets, string scalar, string events,
        string walkthrough, double days, string token);
}
