namespace Conecta.Channels.Preferences;

/// <summary>
/// Which contacts stopped marketing messages from which business number (WhatsApp user_preferences, and error 131050): a marketing
/// template to one of them is refused OptedOut before the network. Per account and contact key; the latest word wins by the
/// provider's time, so a late "stop" cannot undo a newer "resume". Kept for <see cref="PreferencesOptions.OptOutRetention"/> after
/// the last change, then forgotten (Redis in production; in process in the embedded mode).
/// </summary>
internal interface IMarketingOptOuts
{
    /// <param name="stopped">True: the contact stopped marketing messages; false: resumed them.</param>
    /// <param name="at">When the contact said so (the provider's time).</param>
    Task SetAsync(string accountId, string contactKey, bool stopped, DateTimeOffset at, TimeSpan retention, CancellationToken cancellationToken);

    Task<bool> HasStoppedAsync(string accountId, string contactKey, CancellationToken cancellationToken);
}
