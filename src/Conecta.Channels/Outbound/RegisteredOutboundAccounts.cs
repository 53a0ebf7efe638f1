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
        // One lookup per account at a time: hundreds of commands arriving together for a cold account
        // share it, instead of each opening a database connection until the pool runs dry.
        var key = ("outbound-account", accountId);
        var lookup = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return new Lazy<Task<OutboundAccount?>>(() => LookUpAsync(accountId, CancellationToken.None));
        })!;
        try
        {
            return await lookup.Value.WaitAsync(cancellationToken);
        }
        catch when (lookup.Value.IsFaulted)
        {
            // A failed lookup is not remembered: the next command (or the retry) asks again.
            cache.Remove(key);
            throw;
        }
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
