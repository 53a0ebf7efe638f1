namespace Conecta.Channels.Accounts;

/// <summary>What the rest of the service asks about channel accounts: routing and credentials.</summary>
internal interface IChannelAccounts
{
    /// <summary>The account behind a provider id (WhatsApp phone_number_id), disabled ones included; null when unknown. Cached briefly.</summary>
    Task<ChannelAccount?> FindByProviderIdAsync(string channel, string providerAccountId, CancellationToken cancellationToken);

    /// <summary>Decrypted access token and Graph version for outbound calls; null when the account is unknown.</summary>
    Task<ChannelCredentials?> GetCredentialsAsync(Guid accountId, CancellationToken cancellationToken);
}
