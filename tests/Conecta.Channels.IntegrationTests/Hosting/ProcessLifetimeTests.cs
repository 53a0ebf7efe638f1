using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// The service as its own process, the way an orchestrator runs it: what happens after the host stops (the exit
/// code, anything thrown once the container is gone) is outside what WebApplicationFactory can see.
/// </summary>
public sealed class ProcessLifetimeTests
{
    [Fact]
    public async Task A_SIGTERM_stops_the_embedded_service_gracefully_with_exit_code_0()
    {
        var port = FreePort();
        var database = Path.Combine(Path.GetTempPath(), $"conecta-lifetime-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet", $"Conecta.Channels.dll --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        using var service = Process.Start(start)!;
        var output = service.StandardOutput.ReadToEndAsync();
        var errors = service.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            Assert.True(await LiveAsync(http, port, service), "the service did not answer /health/live within 60 s");

            using (var kill = Process.Start("kill", $"-TERM {service.Id}")) await kill.WaitForExitAsync();
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await service.WaitForExitAsync(stopped.Token);

            Assert.Equal(0, service.ExitCode);
            Assert.DoesNotContain("Unhandled exception", await errors + await output);
        }
        finally
        {
            if (!service.HasExited) service.Kill(entireProcessTree: true);
            File.Delete(database);
        }
    }

    private static async Task<bool> LiveAsync(HttpClient http, int port, Process service)
    {
        for (var attempt = 0; attempt < 120 && !service.HasExited; attempt++)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/health/live");
                if (response.StatusCode == HttpStatusCode.OK) return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
