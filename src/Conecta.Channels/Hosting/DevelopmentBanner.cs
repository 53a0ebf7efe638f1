using Conecta.Channels.Channels.WhatsApp;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>Says loudly, at start, that the service runs with public development secrets.</summary>
internal sealed partial class DevelopmentBanner(IOptions<WhatsAppOptions> whatsApp, IHostEnvironment environment,
    ILogger<DevelopmentBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
            LogDevelopmentSecrets(logger, whatsApp.Value.VerifyToken, string.Join(", ", whatsApp.Value.AppSecrets));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "DEVELOPMENT MODE: public development secrets in use (verify token '{VerifyToken}', app secret '{AppSecrets}'). Never expose this instance; GET /dev/events streams every published message.")]
    private static partial void LogDevelopmentSecrets(ILogger logger, string verifyToken, string appSecrets);
}
