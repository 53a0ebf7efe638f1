namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real servers are. `make test` starts them on loopback; environment variables may point
/// elsewhere. Nothing here falls back to a fake: a server that does not answer fails the test.
/// </summary>
internal static class Servers
{
    public static string RabbitMq => Env("TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/");
    public static string Redis => Env("TEST_REDIS", "127.0.0.1:6379");
    public static string Postgres(string database) =>
        Env("TEST_POSTGRES", "Host=127.0.0.1;Port=5432;Username=conecta;Password=conecta") + $";Database={database}";

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
