using System.Diagnostics;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>Stops and starts the local servers for outage tests (the same commands scripts/servers.sh uses).</summary>
internal static class ServerControl
{
    public static Task StopRabbitMqAsync() => RunAsync("rabbitmqctl", "-q stop_app");

    public static async Task StartRabbitMqAsync()
    {
        await RunAsync("rabbitmqctl", "-q start_app");
        await RunAsync("rabbitmqctl", "-q await_startup");
    }

    public static Task StopRedisAsync() => RunAsync("redis-cli", "-h 127.0.0.1 -p 6379 shutdown nosave");

    public static Task StartRedisAsync() =>
        RunAsync("redis-server", "--daemonize yes --port 6379 --bind 127.0.0.1 --save \"\" --appendonly no");

    private static async Task RunAsync(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        // redis-cli shutdown closes the connection it is using, so its exit code says nothing.
        if (process.ExitCode != 0 && command != "redis-cli")
            throw new InvalidOperationException($"{command} {arguments} failed: {await process.StandardError.ReadToEndAsync()}");
    }
}
