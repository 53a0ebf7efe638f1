using Microsoft.Extensions.Hosting;

namespace Conecta.Channels.Data;

/// <summary>
/// Runs the migrations before the service takes traffic; a failed migration stops the start. Outside Development the start
/// is also refused when the service's own PostgreSQL role could create databases or roles or is a superuser: migrations
/// that need more than reading and writing the tables run with ConnectionStrings:PostgresMigrations (docs/security.md).
/// </summary>
internal sealed partial class DatabaseMigrator(Database database, IHostEnvironment environment, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var result = database.Migrate();
        if (!result.Successful)
            throw new InvalidOperationException($"Database migration failed at {result.ErrorScript?.Name}", result.Error);
        var applied = result.Scripts.Count(script => script.SqlScriptOptions.ScriptType != DbUp.Support.ScriptType.RunAlways);
        LogMigrated(logger, database.Dialect, applied);
        if (environment.IsDevelopment()) return;
        var privileges = await database.ServiceRolePrivilegesAsync(cancellationToken);
        if (privileges.Count > 0)
            throw new InvalidOperationException(
                $"The service's PostgreSQL role '{database.ServiceRole}' (ConnectionStrings:Postgres) has {string.Join(", ", privileges)}: outside " +
                "Development it must be a role that only reads and writes the tables. Connect with such a role and run the migrations " +
                "with the owner's (ConnectionStrings:PostgresMigrations), which grants it what it needs (docs/security.md).");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Dialect}) migrated: {Applied} new scripts")]
    private static partial void LogMigrated(ILogger logger, SqlDialect dialect, int applied);
}
