using Conecta.Channels.Data;
using Conecta.Channels.DeadLetters;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conecta.Channels.IntegrationTests.DeadLetters;

/// <summary>
/// On a PostgreSQL database of its own, migrated by the owner's role and used by the service's least-privileged one, as in
/// production: the retention job on a clock of the test's, and what the service's role may and may not do.
/// </summary>
[Collection(ServersCollection.Name)]
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.DisposeAsync
public sealed class RetentionTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly DateTimeOffset Now = new(2030, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _name = "conecta_it_retention_" + Guid.NewGuid().ToString("N")[..12];
    private readonly WatchedClock _clock = new(Now);
    private Database _database = null!;

    public Task InitializeAsync()
    {
        _database = new Database(SqlDialect.Postgres, Servers.PostgresService(_name), Servers.Postgres(_name));
        var migrated = _database.Migrate();
        Assert.True(migrated.Successful, migrated.Error?.ToString());
        return Task.CompletedTask;
    }

    private RetentionJob Job(RetentionOptions? options = null) =>
        new(_database, _clock, Options.Create(options ?? new RetentionOptions()), NullLogger<RetentionJob>.Instance);

    private async Task InsertAsync(TimeSpan deadLetterAge, TimeSpan keyAge, string id)
    {
        await using var owner = new NpgsqlConnection(Servers.Postgres(_name));
        await owner.ExecuteAsync("INSERT INTO dead_letters (id, channel, reason, received_at, raw_body) VALUES (@Id, 'whatsapp', 'it', @At, '\\x00')",
            new { Id = id, At = (Now - deadLetterAge).UtcDateTime });
        await owner.ExecuteAsync("INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, created_at) VALUES ('it', @Id, 'h', @At)",
            new { Id = id, At = (Now - keyAge).UtcDateTime });
    }

    private async Task<(List<string> DeadLetters, List<string> Keys)> RemainingAsync()
    {
        await using var owner = new NpgsqlConnection(Servers.Postgres(_name));
        return ((await owner.QueryAsync<string>("SELECT id FROM dead_letters ORDER BY id")).ToList(),
            (await owner.QueryAsync<string>("SELECT idempotency_key FROM idempotency_keys ORDER BY idempotency_key")).ToList());
    }

    [Fact]
    public async Task The_defaults_keep_dead_letters_30_days_and_idempotency_keys_a_day()
    {
        await InsertAsync(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1), TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1), "a-old");
        await InsertAsync(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1), "b-kept");

        var purged = await Job().PurgeAsync(default);

        var (deadLetters, keys) = await RemainingAsync();
        Assert.Equal((1, 1), purged);
        Assert.Equal(["b-kept"], deadLetters);
        Assert.Equal(["b-kept"], keys);
    }

    [Fact]
    public async Task Configured_retentions_are_what_counts()
    {
        await InsertAsync(TimeSpan.FromDays(3), TimeSpan.FromDays(3), "a-three-days");
        await InsertAsync(TimeSpan.FromDays(1), TimeSpan.FromDays(1), "b-one-day");

        var purged = await Job(new RetentionOptions { DeadLetters = TimeSpan.FromDays(2), IdempotencyKeys = TimeSpan.FromDays(7) }).PurgeAsync(default);

        var (deadLetters, keys) = await RemainingAsync();
        Assert.Equal((1, 0), purged);
        Assert.Equal(["b-one-day"], deadLetters);
        Assert.Equal(["a-three-days", "b-one-day"], keys);
    }

    [Fact]
    public async Task The_job_purges_when_its_interval_passes_on_its_clock()
    {
        await InsertAsync(TimeSpan.FromDays(40), TimeSpan.FromDays(2), "a-old");
        var job = Job();
        await job.StartAsync(default);
        try
        {
            // The job runs in the background: its timer exists once it is waiting for the first tick.
            await _clock.Waited.Task;
            _clock.Advance(new RetentionOptions().Interval);

            var remaining = await Eventually.GetAsync(RemainingAsync, r => r.DeadLetters.Count == 0 && r.Keys.Count == 0);
            Assert.Empty(remaining.DeadLetters);
            Assert.Empty(remaining.Keys);
        }
        finally
        {
            await job.StopAsync(default);
        }
    }

    [Fact]
    public async Task The_service_s_role_uses_the_tables_and_may_not_change_the_schema_nor_read_the_journal()
    {
        var kept = await new DeadLetterQueue(_database, NullLogger<DeadLetterQueue>.Instance)
            .KeepAsync("whatsapp", "it", [1, 2, 3], Now, default);
        await using var service = new NpgsqlConnection(Servers.PostgresService(_name));
        var create = await Assert.ThrowsAsync<PostgresException>(() => service.ExecuteAsync("CREATE TABLE it_intruder (id int)"));
        var journal = await Assert.ThrowsAsync<PostgresException>(() => service.QueryAsync<int>("SELECT count(*) FROM schemaversions"));
        var drop = await Assert.ThrowsAsync<PostgresException>(() => service.ExecuteAsync("DROP TABLE dead_letters"));

        Assert.True(kept);
        Assert.Empty(await _database.ServiceRolePrivilegesAsync(default));
        Assert.Equal(["42501", "42501", "42501"], new[] { create.SqlState, journal.SqlState, drop.SqlState });
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var owner = new NpgsqlConnection(Servers.Postgres("conecta"));
        await owner.ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }
}
