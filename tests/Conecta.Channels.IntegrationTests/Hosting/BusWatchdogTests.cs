using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// A receive endpoint that cannot come back while the broker serves the others stops the instance. The stuck
/// endpoint is made real on RabbitMQ: in a virtual host of its own, the service may not read conecta-outbound.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class BusWatchdogTests
{
    // Longer than the endpoints of one bus take to come up one after another on a busy machine; the healthy app
    // gets more, since a false trip there is exactly what it would report.
    private static readonly TimeSpan StuckTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_endpoint_the_broker_refuses_while_the_others_run_stops_the_instance()
    {
        await using var factory = new AppFactory();
        await using var app = Start(factory, Servers.RabbitMqReadingOnly("^(?!conecta-outbound$).*"), StuckTimeout);
        var (watchdog, stopping) = Watch(app);

        var stopped = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(90)));

        Assert.Same(stopping, stopped);
        Assert.Equal(["conecta-outbound"], watchdog.Tripped.Select(EndpointName));
    }

    [Fact]
    public async Task A_bus_whose_endpoints_all_run_is_left_alone()
    {
        await using var factory = new AppFactory();
        await using var app = Start(factory, Servers.RabbitMqReadingOnly(".*"), HealthyTimeout);
        var (watchdog, stopping) = Watch(app);
        using var client = app.CreateClient();
        var ready = await Eventually.GetAsync(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(60));
        Assert.True(ready);

        var stopped = await Task.WhenAny(stopping, Task.Delay(HealthyTimeout + TimeSpan.FromSeconds(5)));

        Assert.NotSame(stopping, stopped);
        Assert.Empty(watchdog.Tripped);
    }

    private static WebApplicationFactory<Program> Start(AppFactory factory, string rabbitMq, TimeSpan stuckTimeout) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:RabbitMq", rabbitMq);
            builder.UseSetting("Bus:StuckEndpointTimeout", stuckTimeout.ToString());
        });

    private static (BusWatchdog Watchdog, Task Stopping) Watch(WebApplicationFactory<Program> app)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource();
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        return (app.Services.GetRequiredService<BusWatchdog>(), stopping.Task);
    }

    /// <summary>MassTransit names endpoints by their address; the queue is the last segment.</summary>
    private static string EndpointName(string endpoint) => endpoint.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();
}
