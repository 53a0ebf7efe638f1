using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.Phones;
using Conecta.Channels.Preferences;
using Conecta.Channels.Templates;

namespace Conecta.Channels.Channels.WhatsApp.Templates;

/// <summary>
/// A template goes out only if it exists for that account and language, is APPROVED, and the parameters fit; a MARKETING one
/// not to a contact who stopped marketing messages from this number (OptedOut); an AUTHENTICATION one only to a phone number,
/// never to a business-scoped user id (Meta refuses it 131062: PhoneNumberRequired).
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
            TemplateCheckOutcome.Approved when check.Template?.Category == "AUTHENTICATION" &&
                contactKey?.StartsWith(ContactKeys.UserIdPrefix, StringComparison.Ordinal) == true =>
                new RuleRejection(RejectionReason.PhoneNumberRequired,
                    "An authentication template goes only to a phone number, not to a business-scoped user id: send it to the contact's number."),
            TemplateCheckOutcome.Approved => null,
            TemplateCheckOutcome.ParametersMismatch => new RuleRejection(RejectionReason.TemplateParametersMismatch, check.Detail),
            _ => new RuleRejection(RejectionReason.TemplateNotApproved, check.Detail),
        };
    }

    /// <summary>
    /// The stored category (MARKETING, UTILITY, AUTHENTICATION) of the template a command sends; null when none is stored. Read
    /// again at send time, after <see cref="CheckAsync"/> let the template through: a recategorization in between is seen.
    /// </summary>
    public async Task<string?> CategoryAsync(OutboundAccount account, SendTemplate template, CancellationToken cancellationToken) =>
        await accounts.FindByProviderIdAsync(account.Channel, account.AccountId, cancellationToken) is { } registered
            ? (await catalog.FindAsync(registered, template.TemplateName, template.Language, cancellationToken))?.Category
            : null;
}
