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
/// PostgreSQL may be migrated by an owner role of its own (<paramref name="migrationsConnectionString"/>), which then grants
/// the service's role (of <paramref name="connectionString"/>) reading and writing the tables, and nothing else.
/// </summary>
internal sealed class Database : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _connectionString;
    private readonly string? _migrationsConnectionString;

    public Database(SqlDialect dialect, string connectionString, string? migrationsConnectionString = null)
    {
        Dialect = dialect;
        _connectionString = connectionString;
        _migrationsConnectionString = string.IsNullOrWhiteSpace(migrationsConnectionString) ? null : migrationsConnectionString;
        if (dialect == SqlDialect.Postgres) _postgres = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>
    /// Run after every migration, last (DbUp's scripts run in group 100; this one in the last group), not journaled: the
    /// service's role may use the tables, not change them or the journal.
    /// </summary>
    private const string ServiceRoleGrants = """
        GRANT USAGE ON SCHEMA public TO $ServiceRole$;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO $ServiceRole$;
        REVOKE ALL ON TABLE schemaversions FROM $ServiceRole$;
        """;

    public SqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(cancellationToken);
        var sqlite = new SqliteConnection(_connectionString);
        await sqlite.OpenAsync(cancellationToken);
        return sqlite;
    }

    /// <summary>The advisory lock the migrations hold (any fixed number: PostgreSQL scopes it to the database).</summary>
    private const long MigrationLockKey = 0x636F6E65637461; // "conecta"

    /// <summary>Applies the scripts not yet applied (DbUp keeps the journal), so running it again changes nothing.</summary>
    public DatabaseUpgradeResult Migrate()
    {
        var folder = Dialect == SqlDialect.Postgres ? ".Migrations.postgres." : ".Migrations.sqlite.";
        UpgradeEngineBuilder builder;
        if (Dialect == SqlDialect.Postgres)
        {
            var owner = _migrationsConnectionString ?? _connectionString;
            // Creates the database only when it is missing (which needs CREATEDB); an existing one needs no such right. Another
            // instance starting at the same moment may create it first.
            try { EnsureDatabase.For.PostgresqlDatabase(owner); }
            // (Two CREATE DATABASE at once: the loser sees the catalog's unique index, 23505, or 42P04 once the other committed.)
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation) { }
            builder = DeployChanges.To.PostgresqlDatabase(owner);
            var service = new NpgsqlConnectionStringBuilder(_connectionString).Username;
            if (_migrationsConnectionString is not null && service is { Length: > 0 } &&
                service != new NpgsqlConnectionStringBuilder(_migrationsConnectionString).Username)
                builder = builder
                    .WithScript(new SqlScript("grants-to-the-service-role", ServiceRoleGrants, new SqlScriptOptions { ScriptType = DbUp.Support.ScriptType.RunAlways, RunGroupOrder = int.MaxValue }))
                    .WithVariable("ServiceRole", "\"" + service.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        }
        else
        {
            builder = DeployChanges.To.SqliteDatabase(_connectionString);
        }
        // Instances that start together migrate one after the other: two DbUp runs at once both create the journal table, and
        // the second fails (a duplicate in pg_type). The lock is the session's: it goes when the connection closes.
        using var migrationLock = Dialect == SqlDialect.Postgres ? new NpgsqlConnection(_migrationsConnectionString ?? _connectionString) : null;
        if (migrationLock is not null)
        {
            migrationLock.Open();
            using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", migrationLock);
            take.ExecuteNonQuery();
        }
        var result = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        // DbUp's connections go back to Npgsql's process-wide pools, where they would stay open for minutes; the owner role is
        // not needed again. (Only idle connections are closed: the service's own pool is a data source of its own.)
        if (Dialect == SqlDialect.Postgres) NpgsqlConnection.ClearAllPools();
        return result;
    }

    /// <summary>
    /// What the service's own PostgreSQL role may do beyond using the tables: SUPERUSER, CREATEDB, CREATEROLE (empty when
    /// none, and always for SQLite). Outside Development any of them refuses the start (see DatabaseMigrator).
    /// </summary>
    public async Task<IReadOnlyList<string>> ServiceRolePrivilegesAsync(CancellationToken cancellationToken)
    {
        if (_postgres is null) return [];
        await using var connection = await _postgres.OpenConnectionAsync(cancellationToken);
        var role = await Dapper.SqlMapper.QuerySingleAsync<(bool Super, bool CreateDb, bool CreateRole)>(connection, new Dapper.CommandDefinition(
            "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user", cancellationToken: cancellationToken));
        return [.. new[] { (role.Super, "SUPERUSER"), (role.CreateDb, "CREATEDB"), (role.CreateRole, "CREATEROLE") }.Where(p => p.Item1).Select(p => p.Item2)];
    }

    /// <summary>The user name the service connects with (ConnectionStrings:Postgres), for messages.</summary>
    public string? ServiceRole => _postgres is null ? null : new NpgsqlConnectionStringBuilder(_connectionString).Username;

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>A host disposed synchronously (the test factories' `using`) closes the pool too.</summary>
    public void Dispose() => _postgres?.Dispose();
}
