using Conecta.Channels.Accounts;
using Microsoft.Extensions.Caching.Memory;

namespace Conecta.Channels.Outbound;

/// <summary>
/// Outbound accounts come from the channel-account registry. Decrypted credentials are cached for a
/// short time so a busy number does not cost a database query per message.
/// </summary>
internal sealed class RegisteredOutboundAccounts(IChannelAccounts registry, IEnumerable<IOutboundChannel> channels, IMemoryCache cache)
    : IOutboundAccounts
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<OutboundAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("outbound-account", accountId), out OutboundAccount? cached)) return cached;
        var found = await LookUpAsync(accountId, cancellationToken);
        cache.Set(("outbound-account", accountId), found, CacheFor);
        return found;
    }

    private async Task<OutboundAccount?> LookUpAsync(string accountId, CancellationToken cancellationToken)
    {
        // Commands name the provider's account id; provider ids do not collide across channels.
        foreach (var channel in channels)
        {
            var account = await registry.FindByProviderIdAsync(channel.Channel, accountId, cancellationToken);
            if (account is null) continue;
            if (!account.IsActive) return null;
            var credentials = await registry.GetCredentialsAsync(account.Id, cancellationToken);
            return credentials is null
                ? null
                : new OutboundAccount(accountId, account.Channel, credentials.AccessToken, credentials.GraphApiVersion, account.RateLimitPerSecond);
        }
        return null;
    }
}
