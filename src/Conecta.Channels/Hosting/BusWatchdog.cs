using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

internal sealed class BusWatchdogOptions
{
    public const string Section = "Bus";

    /// <summary>
    /// How long one receive endpoint may stay down while another endpoint of the same bus is up before the
    /// instance stops itself. Zero turns the watchdog off.
    /// </summary>
    public TimeSpan StuckEndpointTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Tells a receive endpoint that will not come back from a broker that is back. After a RabbitMQ restart,
/// RabbitMQ.Client 7.2.2 (the one MassTransit 8 pins) can leave one endpoint waiting forever for its channel
/// while the others and every publish recover: its queue fills with nobody consuming it. While the broker
/// itself cannot be reached, reconnecting is the bus's job, so that time does not count.
/// </summary>
internal sealed class StuckEndpoints(TimeSpan timeout)
{
    private readonly Dictionary<string, DateTimeOffset> _downSince = [];

    /// <summary>
    /// The endpoints down for at least the timeout while the broker answered, given each endpoint's state now;
    /// null when the broker cannot be reached.
    /// </summary>
    public IReadOnlyList<string> Observe(IReadOnlyDictionary<string, bool>? endpointsUp, DateTimeOffset now)
    {
        if (endpointsUp is null)
        {
            _downSince.Clear();
            return [];
        }
        foreach (var (name, up) in endpointsUp)
        {
            if (up) _downSince.Remove(name);
            else _downSince.TryAdd(name, now);
        }
        foreach (var gone in _downSince.Keys.Where(name => !endpointsUp.ContainsKey(name)).ToList()) _downSince.Remove(gone);
        return _downSince.Where(down => now - down.Value >= timeout).Select(down => down.Key).Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>
/// Stops the instance when a receive endpoint is stuck (see <see cref="StuckEndpoints"/>), so the orchestrator
/// starts a fresh one: nothing is lost, the endpoint's unacknowledged messages go back to its queue. An endpoint
/// is down when MassTransit reports it unhealthy or, on RabbitMQ, when its queue has no consumer: the stuck
/// endpoint the fault suite found still reported itself healthy. Should the graceful stop itself hang in the
/// stuck client, the process ends anyway after the host's shutdown timeout.
/// </summary>
internal sealed partial class BusWatchdog(
    IBusControl bus,
    IHostApplicationLifetime lifetime,
    IOptions<BusWatchdogOptions> options,
    IOptions<HostOptions> hostOptions,
    TimeProvider time,
    ILogger<BusWatchdog> logger,
    QueueConsumers? queues = null) : BackgroundService
{
    /// <summary>The exit code when the watchdog stopped the instance (EX_TEMPFAIL: start it again).</summary>
    public const int ExitCode = 75;

    /// <summary>The endpoints that made the watchdog stop the instance; empty while it has not.</summary>
    public IReadOnlyList<string> Tripped { get; private set; } = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = options.Value.StuckEndpointTimeout;
        if (timeout <= TimeSpan.Zero) return;
        // A stopping bus has endpoints down and others still up: that is no stuck endpoint.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var stuck = new StuckEndpoints(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 5)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(watching.Token))
            {
                Dictionary<string, bool>? endpoints;
                try
                {
                    endpoints = await EndpointsUpAsync(watching.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A check that could not be made tells nothing: the watchdog itself must never stop the service.
                    LogCheckFailed(e);
                    continue;
                }
                var down = stuck.Observe(endpoints, time.GetUtcNow());
                if (down.Count == 0) continue;
                Tripped = down;
                LogStopping(down, timeout.TotalSeconds);
                lifetime.StopApplication();
                _ = EndIfStopHangsAsync(hostOptions.Value.ShutdownTimeout + TimeSpan.FromSeconds(15));
                return;
            }
        }
        catch (OperationCanceledException) when (watching.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Each receive endpoint by its queue's name: up when MassTransit says so and the broker sees its consumer;
    /// null when the broker cannot be reached.
    /// </summary>
    private async Task<Dictionary<string, bool>?> EndpointsUpAsync(CancellationToken cancellationToken)
    {
        // The bus's own endpoint (replies) declares its queue only when a request is made: not ours to watch.
        var healthy = bus.CheckHealth().Endpoints.Values
            .Where(endpoint => endpoint.InputAddress != bus.Address)
            .GroupBy(endpoint => endpoint.InputAddress.Segments[^1])
            .ToDictionary(endpoint => endpoint.Key, endpoint => endpoint.All(e => e.Status == BusHealthStatus.Healthy));
        if (queues is null) return healthy;
        var idle = await queues.WithoutConsumersAsync(healthy.Keys, cancellationToken);
        return idle is null ? null : healthy.ToDictionary(e => e.Key, e => e.Value && !idle.Contains(e.Key));
    }

    private async Task EndIfStopHangsAsync(TimeSpan grace)
    {
        try
        {
            await Task.Delay(grace, time, lifetime.ApplicationStopped);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Environment.FailFast($"The graceful stop did not end within {grace.TotalSeconds:0} s after a receive endpoint got stuck.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus watchdog: the endpoints could not be checked")]
    private partial void LogCheckFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Receive endpoint(s) {Endpoints} down for {Seconds} s while the broker answers: stopping this instance so it is started afresh")]
    private partial void LogStopping(IReadOnlyList<string> endpoints, double seconds);
}
