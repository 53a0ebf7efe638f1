using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>In Development, prints a long-lived admin token so the admin API can be tried at once (curl, /scalar).</summary>
internal sealed partial class DevelopmentToken(IOptions<AuthOptions> auth, IHostEnvironment environment, TimeProvider clock,
    ILogger<DevelopmentToken> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = auth.Value;
        if (!environment.IsDevelopment() || string.IsNullOrEmpty(options.SigningKey)) return Task.CompletedTask;
        var now = clock.GetUtcNow();
        var token = AdminTokens.Mint(options, "development", [AdminTokens.AdminRole], now, now + options.DevelopmentTokenLifetime);
        LogToken(logger, token, options.DevelopmentTokenLifetime.TotalDays);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "DEVELOPMENT MODE: admin API token (role admin, valid {Days} days, signed with the public development key): {Token}")]
    private static partial void LogToken(ILogger logger, string token, double days);
}
