using Conecta.Channels.Hosting;

namespace Conecta.Channels.Sessions;

/// <summary>The embedded stand-in for Redis: the same rules, links expiring on the process's clock.</summary>
internal sealed class InProcessContactLinks(TimeProvider clock) : IContactLinks
{
    private readonly ExpiringEntries<(string, string), ContactLink> _links = new(clock);
    private readonly Lock _gate = new();

    public Task LinkAsync(string accountId, string oldKey, string newKey, DateTimeOffset at, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_links.TryGet((accountId, newKey), out var left) && left.At < at) _links.Remove((accountId, newKey));
            if (!_links.TryGet((accountId, oldKey), out var kept) || kept.At <= at) _links.Set((accountId, oldKey), new ContactLink(newKey, at), retention);
        }
        return Task.CompletedTask;
    }

    public Task<ContactLink?> FindAsync(string accountId, string oldKey, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_links.TryGet((accountId, oldKey), out var link) ? link : null);
    }
}
