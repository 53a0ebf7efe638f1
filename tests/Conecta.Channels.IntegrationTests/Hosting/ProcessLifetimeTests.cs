using System.Diagnostics;
using System.Net;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// The service as its own process, the way an orchestrator runs it: what happens after the host stops (the exit
/// code, anything thrown once the container is gone) is outside what WebApplicationFactory can see.
/// </summary>
public sealed class ProcessLifetimeTests
{
    /// <summary>
    /// Also: the start banner names the address the service really listens on, and a /dev/events client connected at the
    /// SIGTERM does not hold the stop (the shutdown timeout is 10 minutes here: only an ended stream lets it exit in time).
    /// </summary>
    [Fact]
    public async Task A_SIGTERM_stops_the_embedded_service_gracefully_with_exit_code_0()
    {
        var port = Ports.Free();
        var database = Path.Combine(Path.GetTempPath(), $"conecta-lifetime-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet", $"Conecta.Channels.dll --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        start.Environment["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "600";
        using var service = Process.Start(start)!;
        var output = service.StandardOutput.ReadToEndAsync();
        var errors = service.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            Assert.True(await LiveAsync(http, port, service), "the service did not answer /health/live within 60 s");
            using var streaming = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var events = await DevEvents.OpenAsync(streaming, $"http://127.0.0.1:{port}");

            using (var kill = Process.Start("kill", $"-TERM {service.Id}")) await kill.WaitForExitAsync();
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await service.WaitForExitAsync(stopped.Token);

            Assert.Equal(0, service.ExitCode);
            await Assert.ThrowsAsync<EndOfStreamException>(() => events.TakeAsync(1));
            var log = await errors + await output;
            Assert.DoesNotContain("Unhandled exception", log);
            Assert.Contains($"DEVELOPMENT MODE at http://127.0.0.1:{port}:", log);
            Assert.Contains($"API reference (Scalar): http://127.0.0.1:{port}/scalar", log);
            Assert.Contains($"scripts/walkthrough.sh http://127.0.0.1:{port}", log);
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
}
