using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Sessions;

/// <summary>
/// Expires windows on time even when nobody sends: every poll interval it takes the due window ends from the
/// store's schedule (shared by all instances, each end leased to one taker) and applies the timer to each.
/// </summary>
internal sealed partial class WindowExpiryPoller(
    ISessionStore store, SessionTransitions sessions, IBus bus, TimeProvider clock, IOptions<SessionOptions> options,
    ILogger<WindowExpiryPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryPollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var due = await store.TakeDueAsync(clock.GetUtcNow(), options.Value.ExpiryLease, options.Value.ExpiryBatch, stoppingToken);
                foreach (var key in due)
                    await sessions.ApplyAsync(key, new WindowTimerFired(), SessionPublishing.To(bus, stoppingToken), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A taken end that was not applied comes back after its lease; the next poll goes on.
                LogPollFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Window expiry poll failed; due windows are retried after their lease")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
