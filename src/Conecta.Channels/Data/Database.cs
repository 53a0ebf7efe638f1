using System.Data.Common;
using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Conecta.Channels.Data;

internal enum SqlDialect { Postgres, Sqlite }

/// <summary>
/// The relational store: PostgreSQL in production, SQLite as the embedded default. Queries are
/// written once where the dialects agree; each dialect has its own numbered migration scripts.
/// </summary>
internal sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _connectionString;

    public Database(SqlDialect dialect, string connectionString)
    {
        Dialect = dialect;
        _connectionString = connectionString;
        if (dialect == SqlDialect.Postgres) _postgres = NpgsqlDataSource.Create(connectionString);
    }

    public SqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(cancellationToken);
        var sqlite = new SqliteConnection(_connectionString);
        await sqlite.OpenAsync(cancellationToken);
        return sqlite;
    }

    /// <summary>Applies the scripts not yet applied (DbUp keeps the journal), so running it again changes nothing.</summary>
    public DatabaseUpgradeResult Migrate()
    {
        var folder = Dialect == SqlDialect.Postgres ? ".Migrations.postgres." : ".Migrations.sqlite.";
        UpgradeEngineBuilder builder;
        if (Dialect == SqlDialect.Postgres)
        {
            EnsureDatabase.For.PostgresqlDatabase(_connectionString);
            builder = DeployChanges.To.PostgresqlDatabase(_connectionString);
        }
        else
        {
            builder = DeployChanges.To.SqliteDatabase(_connectionString);
        }
        return builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
