using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.Preferences;
using Conecta.Channels.Templates;

namespace Conecta.Channels.Channels.WhatsApp.Templates;

/// <summary>
/// A template goes out only if it exists for that account and language, is APPROVED, and the parameters fit; a MARKETING one
/// not to a contact who stopped marketing messages from this number (OptedOut).
/// </summary>
internal sealed class TemplateApprovalRule(ChannelAccountStore accounts, TemplateCatalog catalog, MarketingPreferences preferences)
{
    public async Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, string? contactKey, CancellationToken cancellationToken)
    {
        if (command.Body is not SendTemplate template) return null;
        var registered = await accounts.FindByProviderIdAsync(account.Channel, account.AccountId, cancellationToken);
        if (registered is null) return new RuleRejection(RejectionReason.UnknownAccount, "The account is not registered.");

        var check = await catalog.CheckAsync(registered, template.TemplateName, template.Language, template.Components, cancellationToken);
        return check.Outcome switch
        {
            TemplateCheckOutcome.Approved when check.Template?.Category == "MARKETING" && contactKey is not null &&
                await preferences.HasStoppedAsync(account.AccountId, contactKey, cancellationToken) =>
                new RuleRejection(RejectionReason.OptedOut, "The contact stopped marketing messages from this number: send a utility template, or wait until they resume."),
            TemplateCheckOutcome.Approved => null,
            TemplateCheckOutcome.ParametersMismatch => new RuleRejection(RejectionReason.TemplateParametersMismatch, check.Detail),
            _ => new RuleRejection(RejectionReason.TemplateNotApproved, check.Detail),
        };
    }
}
