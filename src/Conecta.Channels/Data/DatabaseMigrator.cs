namespace Conecta.Channels.Data;

/// <summary>Runs the migrations before the service takes traffic; a failed migration stops the start.</summary>
internal sealed partial class DatabaseMigrator(Database database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var result = database.Migrate();
        if (!result.Successful)
            throw new InvalidOperationException($"Database migration failed at {result.ErrorScript?.Name}", result.Error);
        var applied = result.Scripts.Count();
        LogMigrated(logger, database.Dialect, applied);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Dialect}) migrated: {Applied} new scripts")]
    private static partial void LogMigrated(ILogger logger, SqlDialect dialect, int applied);
}
