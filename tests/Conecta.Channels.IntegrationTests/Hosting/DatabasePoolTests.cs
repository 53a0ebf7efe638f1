using Conecta.Channels.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// A stopped service leaves no PostgreSQL connection open: its connection pool goes with the host. Left open, every app a
/// test run disposes kept its connections for minutes, and a run with a few more apps hit the server's 100.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DatabasePoolTests
{
    [Fact]
    public async Task Disposing_the_service_closes_its_connections()
    {
        var app = new AppFactory([]);
        var database = app.DatabaseName;
        using (var client = app.CreateClient())
        using (var ready = await client.GetAsync("/health/ready"))
            Assert.True(ready.IsSuccessStatusCode);
        var open = await ConnectionsAsync(database);

        await app.DisposeAsync();

        Assert.True(open > 0, "the ready check used the service's pool");
        Assert.Equal(0, await Eventually.GetAsync(() => ConnectionsAsync(database), n => n == 0));
    }

    private static async Task<int> ConnectionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(Servers.Postgres("postgres"));
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @Database", new { Database = database });
    }
}
