using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// The real Program, in Production, against the real RabbitMQ, Redis and PostgreSQL started by
/// `make test`. Each factory gets its own PostgreSQL database, so migrations run from empty.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string AppSecret = "it-app-secret";
    public const string VerifyToken = "it-verify-token";

    public string DatabaseName { get; } = "conecta_it_" + Guid.NewGuid().ToString("N")[..12];

    public string PostgresConnectionString => Servers.Postgres(DatabaseName);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:RabbitMq", Servers.RabbitMq);
        builder.UseSetting("ConnectionStrings:Redis", Servers.Redis);
        builder.UseSetting("ConnectionStrings:Postgres", PostgresConnectionString);
        builder.UseSetting("WhatsApp:AppSecrets:0", "it-previous-secret");
        builder.UseSetting("WhatsApp:AppSecrets:1", AppSecret);
        builder.UseSetting("WhatsApp:VerifyToken", VerifyToken);
        // Short enough that the broker-outage test answers 503 quickly.
        builder.UseSetting("Inbound:PublishTimeout", "00:00:03");
    }
}

/// <summary>The embedded default of `make run`: no servers, in-memory bus, in-process dedup, SQLite.</summary>
public sealed class EmbeddedAppFactory : WebApplicationFactory<Program>
{
    public string SqlitePath { get; } = Path.Combine(Path.GetTempPath(), $"conecta-it-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={SqlitePath}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(SqlitePath);
    }
}
