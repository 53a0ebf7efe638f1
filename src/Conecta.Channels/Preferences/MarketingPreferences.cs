using Conecta.Channels.Contracts.Events;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Preferences;

/// <summary>What the service records of a contact's marketing preference: what the contact told Meta, and Meta's 131050 refusals.</summary>
internal sealed class MarketingPreferences(IMarketingOptOuts optOuts, IOptions<PreferencesOptions> options)
{
    public Task ApplyAsync(MarketingPreferenceChanged change, CancellationToken cancellationToken) =>
        change.Preference is "stop" or "resume"
            ? optOuts.SetAsync(change.AccountId, change.Contact.ContactKey, change.Preference == "stop", change.OccurredAt,
                options.Value.OptOutRetention, cancellationToken)
            // signup and future words: nothing to honour here.
            : Task.CompletedTask;

    /// <summary>Meta refused a message because the contact stopped marketing messages (131050): the next one is refused before the network.</summary>
    public Task RecordRefusalAsync(string accountId, string contactKey, DateTimeOffset at, CancellationToken cancellationToken) =>
        optOuts.SetAsync(accountId, contactKey, stopped: true, at, options.Value.OptOutRetention, cancellationToken);

    public Task<bool> HasStoppedAsync(string accountId, string contactKey, CancellationToken cancellationToken) =>
        optOuts.HasStoppedAsync(accountId, contactKey, cancellationToken);
}
