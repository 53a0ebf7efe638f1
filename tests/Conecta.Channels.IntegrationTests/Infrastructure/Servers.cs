using System.Diagnostics;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real servers are. `make test` starts them on loopback; environment variables may point
/// elsewhere. Nothing here falls back to a fake: a server that does not answer fails the test.
/// </summary>
internal static class Servers
{
    private static readonly Lazy<string> TestVirtualHost = new(() => CreateVirtualHost(read: ".*"));

    /// <summary>
    /// The broker, in a virtual host of this test run's own: the service's queues bind to shared
    /// exchange names, so two runs on one broker would otherwise consume each other's commands.
    /// </summary>
    public static string RabbitMq => Broker + TestVirtualHost.Value;

    /// <summary>
    /// The broker, in a new virtual host of its own where only the queues and exchanges whose names match
    /// <paramref name="read"/> (a RabbitMQ permission pattern) can be consumed or bound from.
    /// </summary>
    public static string RabbitMqReadingOnly(string read) => Broker + CreateVirtualHost(read);

    private static string Broker => Env("TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/");

    public static string Redis => Env("TEST_REDIS", "127.0.0.1:6379");

    /// <summary>The Redis Cluster of three masters that scripts/servers.sh starts beside the single Redis.</summary>
    public static string RedisCluster => Env("TEST_REDIS_CLUSTER", "127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002");

    /// <summary>The owner's role (scripts/servers.sh): creates the database, runs the migrations; tests read and change tables with it.</summary>
    public static string Postgres(string database) =>
        Env("TEST_POSTGRES", "Host=127.0.0.1;Port=5432;Username=conecta;Password=conecta") + $";Database={database}";

    /// <summary>The service's own role: neither superuser nor CREATEDB; it uses the tables the migrations granted it, nothing else.</summary>
    public static string PostgresService(string database) =>
        Env("TEST_POSTGRES_SERVICE", "Host=127.0.0.1;Port=5432;Username=conecta_app;Password=conecta_app") + $";Database={database}";

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static readonly List<string> VirtualHosts = CreatedVirtualHosts();

    private static string CreateVirtualHost(string read)
    {
        var name = "it-" + Guid.NewGuid().ToString("N")[..12];
        RabbitMqCtl("add_vhost", name);
        lock (VirtualHosts) VirtualHosts.Add(name);
        RabbitMqCtl("set_permissions", "-p", name, "guest", ".*", ".*", read);
        return name;
    }

    /// <summary>
    /// The virtual hosts this run made, deleted when it ends in one rabbitmqctl call: one call per host (a second each) did
    /// not finish within the exit's time, and hundreds left over made every restart of the broker slower (scripts/servers.sh
    /// deletes what a killed run leaves).
    /// </summary>
    private static List<string> CreatedVirtualHosts()
    {
        var created = new List<string>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (created)
                if (created.Count > 0)
                    RabbitMqCtl("eval", $"[rabbit_vhost:delete(V, <<\"tests\">>) || V <- [{string.Join(", ", created.Select(v => $"<<\"{v}\">>"))}]].");
        };
        return created;
    }

    /// <summary>What rabbitmqctl answers (quiet): the broker's view of queues and bindings, which AMQP does not list.</summary>
    public static string RabbitMqCtl(params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        // Read while it runs: a listing larger than the pipe's buffer would otherwise never let it exit.
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed: {process.StandardError.ReadToEnd()}");
        return output.GetAwaiter().GetResult();
    }
}
