using Conecta.Channels.Hosting;

namespace Conecta.Channels.Preferences;

/// <summary>The embedded stand-in for Redis: the same rule, entries expiring on the process's clock.</summary>
internal sealed class InProcessMarketingOptOuts(TimeProvider clock) : IMarketingOptOuts
{
    private readonly ExpiringEntries<(string, string), (bool Stopped, DateTimeOffset At)> _preferences = new(clock);
    private readonly Lock _gate = new();

    public Task SetAsync(string accountId, string contactKey, bool stopped, DateTimeOffset at, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_preferences.TryGet((accountId, contactKey), out var kept) || kept.At <= at)
                _preferences.Set((accountId, contactKey), (stopped, at), retention);
        }
        return Task.CompletedTask;
    }

    public Task<bool> HasStoppedAsync(string accountId, string contactKey, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_preferences.TryGet((accountId, contactKey), out var kept) && kept.Stopped);
    }
}
