using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;

namespace Conecta.Channels.Templates;

/// <summary>The send-time question the rules ask before a template goes out: may it, with these parameters?</summary>
internal interface ITemplateCatalog
{
    Task<TemplateCheck> CheckAsync(ChannelAccount account, string name, string language, IReadOnlyList<TemplateComponent> parameters,
        CancellationToken cancellationToken);
}

/// <summary>Reads the stored template every time (no cache): a PAUSED webhook must stop the next send, not one a minute later.</summary>
internal sealed class TemplateCatalog(TemplateStore store) : ITemplateCatalog
{
    public async Task<TemplateCheck> CheckAsync(ChannelAccount account, string name, string language,
        IReadOnlyList<TemplateComponent> parameters, CancellationToken cancellationToken)
    {
        var template = account.BusinessAccountId is null ? null : await store.FindAsync(account.BusinessAccountId, name, language, cancellationToken);
        return TemplateChecks.Evaluate(template, name, language, parameters);
    }
}
