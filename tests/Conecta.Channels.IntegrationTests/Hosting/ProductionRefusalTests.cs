using System.Diagnostics;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// The real Program in Production, given the test's good configuration with one thing wrong, refuses to start and says
/// why: no silent fallback to the embedded stand-ins, no public development secrets, no sandbox, no privileged database role.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ProductionRefusalTests
{
    private const string Servers = "Outside the Development environment RabbitMQ, Redis and PostgreSQL are all required; missing: ";

    public static TheoryData<string, string, string, string> BadConfigurations => new()
    {
        { "no RabbitMQ", "ConnectionStrings:RabbitMq", "", Servers + "ConnectionStrings:RabbitMq (ConnectionStrings__RabbitMq). " },
        { "no Redis", "ConnectionStrings:Redis", "", Servers + "ConnectionStrings:Redis (ConnectionStrings__Redis). " },
        { "no PostgreSQL", "ConnectionStrings:Postgres", "", Servers + "ConnectionStrings:Postgres (ConnectionStrings__Postgres). " },
        { "the development app secret", "WhatsApp:AppSecrets:1", "dev-app-secret", "Development secrets ('dev-…') are refused outside the Development environment." },
        { "the development verify token", "WhatsApp:VerifyToken", "dev-verify-token", "Development secrets ('dev-…') are refused outside the Development environment." },
        { "the development signing key", "Auth:SigningKey", "dev-signing-key-conecta-channels-public-not-secret", "The development Auth:SigningKey ('dev-…') is refused outside the Development environment." },
        { "the development token key", "Accounts:TokenKey", "ZGV2LXRva2VuLWtleS1jb25lY3RhLWNoYW5uZWxzISE=", "The development Accounts:TokenKey is refused outside the Development environment." },
        { "the sandbox", "Sandbox:Enabled", "true", "Sandbox:Enabled is for the Development environment only." },
        { "a token lifetime above the maximum", "Auth:DevelopmentTokenLifetime", "2.00:00:00", "Auth:MaxTokenLifetime must be positive, and Auth:DevelopmentTokenLifetime positive and not above it." },
        { "negative partitions", "Bus:Topology:Partitions", "-1", "Bus:Topology:Partitions must be between 0 (no partitions) and 1024." },
        { "an instance index without a count", "Bus:Topology:InstanceIndex", "1", "Bus:Topology:InstanceIndex and Bus:Topology:InstanceCount are set together or not at all." },
        { "no partition prefetch", "Bus:Topology:PartitionPrefetch", "0", "Bus:Topology:PartitionPrefetch must be between 1 and 10000." },
        { "quorum queues beside temporary ones", "Bus:Topology:QueueType", "Quorum", "Bus:Topology:QueueType Quorum cannot be used with Bus:InstanceId" },
        { "an unknown queue type", "Bus:Topology:QueueType", "Lazy", "Bus:Topology:QueueType" },
        { "an http media origin", "WhatsApp:MediaOrigins:1", "http://cdn.example", "WhatsApp:MediaOrigins are origins such as https://lookaside.fbsbx.com" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void Production_refuses_to_start_with(string what, string key, string value, string message)
    {
        using var app = new AppFactory([(key, value)]);

        var refused = Record.Exception(() => app.CreateClient());

        Assert.True(refused is not null, $"started with {what}");
        Assert.Contains(message, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_a_service_database_role_that_may_create_databases_or_is_a_superuser()
    {
        // The owner's role (CREATEDB; on machines set up before the least-privilege roles, SUPERUSER) as the service's own.
        var database = "conecta_it_privileged_" + Guid.NewGuid().ToString("N")[..12];
        var owner = Infrastructure.Servers.Postgres(database);
        using var privileged = new AppFactory([("ConnectionStrings:Postgres", owner), ("ConnectionStrings:PostgresMigrations", owner)]);
        try
        {
            var refused = Record.Exception(() => privileged.CreateClient());

            Assert.NotNull(refused);
            Assert.Matches("The service's PostgreSQL role 'conecta' \\(ConnectionStrings:Postgres\\) has (SUPERUSER|CREATEDB)", refused.ToString());
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(Infrastructure.Servers.Postgres("conecta"));
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>As an orchestrator starts it: the process exits non-zero and its output names every missing server.</summary>
    [Fact]
    public async Task The_service_process_in_production_without_servers_exits_naming_them()
    {
        var start = new ProcessStartInfo("dotnet", "Conecta.Channels.dll --urls http://127.0.0.1:0")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["WhatsApp__AppSecrets__0"] = AppFactory.AppSecret;
        start.Environment["WhatsApp__VerifyToken"] = AppFactory.VerifyToken;
        start.Environment["Accounts__TokenKey"] = AppFactory.TokenKey;
        start.Environment["Auth__SigningKey"] = AppFactory.SigningKey;
        using var service = Process.Start(start)!;
        var output = service.StandardOutput.ReadToEndAsync();
        var errors = service.StandardError.ReadToEndAsync();
        try
        {
            await service.WaitForExitAsync();
            var log = await output + await errors;

            Assert.NotEqual(0, service.ExitCode);
            Assert.Contains(Servers + "ConnectionStrings:RabbitMq (ConnectionStrings__RabbitMq), ConnectionStrings:Redis (ConnectionStrings__Redis), " +
                "ConnectionStrings:Postgres (ConnectionStrings__Postgres).", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!service.HasExited) service.Kill(entireProcessTree: true);
        }
    }
}
