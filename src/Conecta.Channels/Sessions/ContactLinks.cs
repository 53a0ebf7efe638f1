namespace Conecta.Channels.Sessions;

/// <summary>Where an old contact key now points, and since when (the provider's time of the change).</summary>
internal sealed record ContactLink(string NewKey, DateTimeOffset At);

/// <summary>
/// The old key → new key links of contacts who changed number or user id, per account, so commands still addressed to the old
/// key reach the contact at the new one. Each link expires <see cref="SessionOptions.ContactLinkRetention"/> after the change;
/// the newer change wins by the provider's time (a late retried notice cannot undo a newer one). Redis in production, in process in
/// the embedded mode; both pass the same contract tests. One key per link, so every operation touches one key (Redis Cluster).
/// </summary>
internal interface IContactLinks
{
    /// <summary>
    /// Links <paramref name="oldKey"/> to <paramref name="newKey"/> as of <paramref name="at"/>, and unlinks <paramref name="newKey"/>
    /// when its own link is older: the contact is there now, so a key it left earlier and came back to is current again.
    /// </summary>
    Task LinkAsync(string accountId, string oldKey, string newKey, DateTimeOffset at, TimeSpan retention, CancellationToken cancellationToken);

    Task<ContactLink?> FindAsync(string accountId, string oldKey, CancellationToken cancellationToken);
}
