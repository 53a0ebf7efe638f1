using Conecta.Channels.Accounts;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Caching.Memory;

namespace Conecta.Channels.Outbound;

/// <summary>What the sender needs to know about the account a command goes out from.</summary>
/// <param name="AccountId">The provider's id of the account (WhatsApp phone_number_id, Telegram bot id).</param>
/// <param name="ApiVersion">Pinned provider API version; null uses the channel's default.</param>
/// <param name="Standing">The number's standing as its channel read the provider's account webhooks (disabled, restricted, …).</param>
/// <param name="MarketingApi">Marketing messages go through the network's marketing API (the account's marketingMessagesApi).</param>
internal sealed record OutboundAccount(string AccountId, string Channel, string AccessToken, string? ApiVersion, int MessagesPerSecond,
    string? Standing = null, bool MarketingApi = false)
{
    /// <summary>The account's own throughput, whatever the channel: smooth, because one account is one busy key.</summary>
    public RateLimit SendRate => new(MessagesPerSecond, TimeSpan.FromSeconds(1), Smooth: true);
}

/// <summary>
/// Finds the active account a command names, from the channel-account registry. Decrypted credentials are cached for a
/// short time so a busy number does not cost a database query per message.
/// </summary>
internal sealed class OutboundAccounts(ChannelAccountStore registry, IMemoryCache cache)
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
        var account = await registry.FindByProviderIdAsync(accountId, cancellationToken);
        if (account is not { IsActive: true }) return null;
        var credentials = await registry.GetCredentialsAsync(account.Id, cancellationToken);
        return credentials is null
            ? null
            : new OutboundAccount(accountId, account.Channel, credentials.AccessToken, credentials.ApiVersion, account.RateLimitPerSecond,
                account.Standing, account.MarketingMessagesApi);
    }
}
