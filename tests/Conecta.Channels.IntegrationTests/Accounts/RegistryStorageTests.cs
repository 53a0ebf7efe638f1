using System.Net;
using System.Net.Http.Json;
using Conecta.Channels.Accounts;
using Conecta.Channels.Data;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conecta.Channels.IntegrationTests.Accounts;

/// <summary>The registry's schema from an empty PostgreSQL database, and the same API on SQLite (the embedded mode).</summary>
[Collection(ServersCollection.Name)]
public sealed class RegistryStorageTests
{
    private static readonly string[] Scripts =
    [
        "0001_dead_letters.sql", "0002_channel_accounts.sql", "0003_message_templates.sql", "0004_idempotency_keys.sql",
    ];

    [Fact]
    public async Task Instances_that_start_together_on_an_empty_database_migrate_it_once()
    {
        var name = "conecta_it_" + Guid.NewGuid().ToString("N")[..12];
        var instances = Enumerable.Range(0, 3).Select(_ => new Database(SqlDialect.Postgres, Servers.PostgresService(name), Servers.Postgres(name))).ToList();

        var results = await Task.WhenAll(instances.Select(instance => Task.Run(instance.Migrate)));

        Assert.All(results, result => Assert.True(result.Successful, result.Error?.Message));
        await using var db = new NpgsqlConnection(Servers.Postgres(name));
        var journaled = (await db.QueryAsync<string>("SELECT scriptname FROM schemaversions")).ToList();
        Assert.Equal(journaled.Distinct(), journaled);
        Assert.Equal(journaled.Count, results.Sum(r => r.Scripts.Count(script => script.SqlScriptOptions.ScriptType != DbUp.Support.ScriptType.RunAlways)));
        foreach (var instance in instances) await instance.DisposeAsync();
    }

    [Fact]
    public async Task Migrations_run_from_an_empty_postgres_database_and_running_them_again_applies_nothing()
    {
        await using var app = new AppFactory();
        using var client = app.Client();
        using var list = await client.GetAsync("/api/channel-accounts");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);

        var rerun = app.Services.GetRequiredService<Database>().Migrate();

        Assert.True(rerun.Successful);
        // Nothing journaled runs again; only the owner's grants to the service's role, which run after every migration.
        Assert.Equal(["grants-to-the-service-role"], rerun.Scripts.Select(s => s.Name));
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        var applied = (await db.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY scriptname")).ToList();
        // Later features add scripts of their own; these are the registry's and the ones it builds on.
        Assert.Superset(Scripts.ToHashSet(), applied.Select(name => name[(name.IndexOf(".postgres.", StringComparison.Ordinal) + ".postgres.".Length)..]).ToHashSet());
        var tables = await db.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        Assert.Superset(new HashSet<string> { "channel_accounts", "dead_letters", "idempotency_keys", "message_templates", "schemaversions" },
            tables.ToHashSet());
    }

    [Fact]
    public async Task On_sqlite_accounts_are_created_updated_concurrently_and_idempotently_with_the_same_queries()
    {
        await using var app = new EmbeddedAppFactory();
        using var client = app.Client(signingKey: AdminApi.DevelopmentSigningKey);
        var input = AdminApi.WhatsAppAccount(accessToken: "EAAG-sqlite-token");
        input["marketingMessagesApi"] = true;
        input["participantNotices"] = false;
        using var created = await AdminApi.PostWithKeyAsync(client, "/api/channel-accounts", input, "sqlite-key");
        using var replayed = await AdminApi.PostWithKeyAsync(client, "/api/channel-accounts", input, "sqlite-key");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(await created.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        var id = (await AdminApi.ReadJsonAsync(created)).GetProperty("id").GetGuid();

        var results = await Task.WhenAll(AdminApi.UpdateTeamAsync(client, id, input, "a"), AdminApi.UpdateTeamAsync(client, id, input, "b"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], results.Order());

        var account = await client.GetFromJsonAsync<ChannelAccount>($"/api/channel-accounts/{id}");
        Assert.Equal(2, account?.Version);
        // SQLite keeps booleans as integers (migration 0007); they read back as the booleans written.
        Assert.Equal((true, false), (account?.MarketingMessagesApi, account?.ParticipantNotices));
        Assert.Equal(account!.CreatedAt.Date, DateTimeOffset.UtcNow.Date);
        var credentials = await app.Services.GetRequiredService<ChannelAccountStore>().GetCredentialsAsync(id, CancellationToken.None);
        Assert.Equal("EAAG-sqlite-token", credentials?.AccessToken);
        await using var db = new SqliteConnection($"Data Source={app.SqlitePath}");
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idempotency_keys WHERE status_code = 201"));
    }
}
