using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.Templates;

namespace Conecta.Channels.Channels.WhatsApp.Templates;

/// <summary>A template goes out only if it exists for that account and language, is APPROVED, and the parameters fit.</summary>
internal sealed class TemplateApprovalRule(ChannelAccountStore accounts, TemplateCatalog catalog)
{
    public async Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken)
    {
        if (command.Body is not SendTemplate template) return null;
        var registered = await accounts.FindByProviderIdAsync(account.Channel, account.AccountId, cancellationToken);
        if (registered is null) return new RuleRejection(RejectionReason.UnknownAccount, "The account is not registered.");

        var check = await catalog.CheckAsync(registered, template.TemplateName, template.Language, template.Components, cancellationToken);
        return check.Outcome switch
        {
            TemplateCheckOutcome.Approved => null,
            TemplateCheckOutcome.ParametersMismatch => new RuleRejection(RejectionReason.TemplateParametersMismatch, check.Detail),
            _ => new RuleRejection(RejectionReason.TemplateNotApproved, check.Detail),
        };
    }
}
