using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Channels.WhatsApp.Templates;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.Phones;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

/// <summary>
/// WhatsApp behind the seam: contacts keyed by their canonical phone (or BSUID), the standard conversation rules (an approved
/// template first, typing locked until the reply, a 24-hour window), Meta's pair rate limit, and the command as a Graph message.
/// </summary>
internal sealed class WhatsAppChannel(GraphClient graph, TemplateApprovalRule templates, WhatsAppMedia media, IOptions<WhatsAppOptions> options,
    IOptions<OutboundOptions> outbound) : IChannel
{
    /// <summary>Meta's default throughput of a business number.</summary>
    public const int DefaultRateLimit = 80;

    /// <summary>Meta shows a typing indicator until the reply or for 25 s.</summary>
    public static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(25);

    public static readonly ChannelProfile Profile = new(WebhookMapper.Channel, ConversationPolicy.Standard, DefaultRateLimit, AccountProblems,
        TypingLasts, MarketingApi: true);

    ChannelProfile IChannel.Profile => Profile;

    public IChannelMedia Media => media;

    /// <summary>The canonical phone of a valid mobile number, ninth digit restored, or a "bsuid:" contact key as it is.</summary>
    public string? ContactKeyOf(string to)
    {
        if (to.StartsWith(ContactKeys.UserIdPrefix, StringComparison.Ordinal)) return to;
        var parsed = PhoneParser.Parse(to, defaultRegion: null, requireMobile: true);
        return parsed.IsValid ? parsed.Phone!.Canonical : null;
    }

    /// <summary>
    /// The recipient's number first (read again only when it keys no contact, to say why), a typing indicator's message, then a
    /// template's approval and parameters.
    /// </summary>
    public async Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, string? contactKey,
        CancellationToken cancellationToken) =>
        (contactKey is null ? NumberProblem(command.To) : null)
        ?? (command.Body is ShowTyping { ProviderMessageId: null or "" }
            ? new RuleRejection(RejectionReason.InvalidCommand,
                "WhatsApp shows typing while it marks the contact's message read: providerMessageId (the message answered) is required.")
            : null)
        ?? await templates.CheckAsync(account, command, contactKey, cancellationToken);

    /// <summary>Meta's pair rate limit per recipient; the business number's own throughput in all.</summary>
    public SendLimits Limits(OutboundAccount account, string? contactKey) =>
        new(new RateLimit(outbound.Value.RecipientLimit, outbound.Value.RecipientWindow), account.SendRate);

    /// <summary>The approved template; the checks refuse a number that is no mobile and a template that is not approved.</summary>
    public Task<Opening> OpenAsync(StartActiveContact start, CancellationToken cancellationToken) =>
        Task.FromResult(new Opening(OutboundCommand.From(
            new SendTemplate(start.CommandId, start.AccountId, start.To, start.TemplateName, start.Language, start.Components)), null));

    /// <summary>
    /// The command as a Graph message, to /messages or, for a MARKETING template of an account that chose Meta's Marketing Messages
    /// API, to /marketing_messages (the template's category is read only for such accounts).
    /// </summary>
    public async Task<SendResult> SendAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken)
    {
        var pace = new DispatchPace(account.AccountId, account.SendRate);
        var category = account.MarketingApi && command.Body is SendTemplate template
            ? await templates.CategoryAsync(account, template, cancellationToken)
            : null;
        var (accepted, refused) = await graph.SendAsync(GraphAccount.Of(account, options.Value), GraphEdges.For(account.MarketingApi, category),
            GraphMessages.For(command), pace, cancellationToken);
        return refused is null
            ? new SendResult(new Sent(accepted!.MessageId, accepted.ContactId), null)
            : new SendResult(null, new Refused(refused.Class.Reason, refused.Class.Retryable, refused.Code, refused.Title, refused.Details,
                refused.Class.RetryAfter));
    }

    /// <summary>
    /// A WhatsApp recipient must be DDI + DDD + mobile number (e.g. 55 31 9XXXXXXXX); a contact known only by its business-scoped
    /// user id ("bsuid:…") passes as it is. No default region: a number without its DDI is refused rather than guessed.
    /// </summary>
    internal static RuleRejection? NumberProblem(string? to)
    {
        if (to is null || to.StartsWith(ContactKeys.UserIdPrefix, StringComparison.Ordinal)) return null;
        return PhoneParser.Parse(to, defaultRegion: null, requireMobile: true).Rejection is { } rejection
            ? new RuleRejection(RejectionReason.InvalidNumber, PhoneRejectionMessages.For(rejection))
            : null;
    }

    /// <summary>A number is Meta's phone_number_id, and templates belong to its WhatsApp Business Account: both digits.</summary>
    private static IEnumerable<(string Field, string Problem)> AccountProblems(ChannelAccountInput input)
    {
        if (!ChannelAccountRules.IsDigits(input.ProviderAccountId)) yield return ("providerAccountId", "A WhatsApp phone_number_id is digits only.");
        if (!ChannelAccountRules.IsDigits(input.BusinessAccountId)) yield return ("businessAccountId", "Required for WhatsApp: the WABA id, digits only.");
    }
}
