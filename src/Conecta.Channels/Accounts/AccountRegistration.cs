namespace Conecta.Channels.Accounts;

/// <summary>Why the provider would not take an account: the admin API answers with this status and text.</summary>
internal sealed record RegistrationRefusal(int Status, string Title, string Detail);

/// <summary>
/// A channel that must tell its provider about an account before it is stored (Telegram: setWebhook) and before it is
/// disabled (Telegram: deleteWebhook). Channels whose webhooks are configured elsewhere (WhatsApp: in Meta's app
/// dashboard) register none.
/// </summary>
internal interface IAccountRegistration
{
    string Channel { get; }

    /// <summary>Called with a validated input before it is stored; must be safe to repeat for the same account.</summary>
    Task<RegistrationRefusal?> RegisterAsync(ChannelAccountInput input, CancellationToken cancellationToken);

    /// <summary>
    /// Called before the account is disabled, so the provider stops posting its updates; must be safe to repeat. A
    /// refusal keeps the account active (the admin tries again); a provider that no longer knows the account is not one.
    /// </summary>
    Task<RegistrationRefusal?> UnregisterAsync(string providerAccountId, string accessToken, CancellationToken cancellationToken);
}
