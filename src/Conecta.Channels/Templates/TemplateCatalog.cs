using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;

namespace Conecta.Channels.Templates;

/// <summary>
/// The send-time question asked before a template goes out: may it, with these parameters? Reads the stored template every
/// time (no cache): a PAUSED webhook must stop the next send, not one a minute later.
/// </summary>
internal sealed class TemplateCatalog(TemplateStore store)
{
    public async Task<TemplateCheck> CheckAsync(ChannelAccount account, string name, string language,
        IReadOnlyList<TemplateComponent> parameters, CancellationToken cancellationToken) =>
        TemplateChecks.Evaluate(await FindAsync(account, name, language, cancellationToken), name, language, parameters);

    /// <summary>The stored translation of the account's business account (WABA), whatever its status; null when there is none.</summary>
    public async Task<MessageTemplate?> FindAsync(ChannelAccount account, string name, string language, CancellationToken cancellationToken) =>
        account.BusinessAccountId is null ? null : await store.FindAsync(account.BusinessAccountId, name, language, cancellationToken);
}
