using Conecta.Channels.Data;
using Conecta.Channels.DeadLetters;
using Conecta.Channels.Dedup;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Conecta.Channels.Hosting;

internal static class StorageSetup
{
    public const string EmbeddedSqlite = "Data Source=conecta-channels.db";

    /// <summary>Redis when ConnectionStrings:Redis is set; otherwise the in-process store of the embedded mode.</summary>
    public static IHostApplicationBuilder AddDedupStore(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<IDedupStore, InProcessDedupStore>();
            return builder;
        }

        var options = ConfigurationOptions.Parse(redis);
        // Start even while Redis is down: readiness reports it and webhooks answer 503 until it is back.
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<IDedupStore, RedisDedupStore>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// PostgreSQL when ConnectionStrings:Postgres is set (migrated with ConnectionStrings:PostgresMigrations when that is set);
    /// otherwise SQLite. Migrations run at start, then the retention of dead letters and idempotency keys.
    /// </summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var database = string.IsNullOrWhiteSpace(postgres)
            ? new Database(SqlDialect.Sqlite, builder.Configuration.GetConnectionString("Sqlite") ?? EmbeddedSqlite)
            : new Database(SqlDialect.Postgres, postgres, builder.Configuration.GetConnectionString("PostgresMigrations"));
        // From a factory, so the container disposes it with the host: a registered instance would keep its pool's connections open.
        builder.Services.AddSingleton(_ => database);
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        builder.Services.AddHostedService<RetentionJob>();
        builder.Services.AddSingleton<DeadLetterQueue>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthSetup.ReadyTag]);
        return builder;
    }
}
