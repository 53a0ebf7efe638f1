using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

/// <summary>What a Graph API error means for the core platform, and whether trying again can help.</summary>
/// <param name="RetryAfter">When a retry can help only after a while: how long (the pair rate limit, the marketing limit).</param>
internal sealed record GraphErrorClass(RejectionReason Reason, bool Retryable, TimeSpan? RetryAfter = null)
{
    /// <summary>Whether another attempt of this very request, after the backoff, can succeed: not when Meta names a wait of its own.</summary>
    public bool RetryNow => Retryable && RetryAfter is null;
}

/// <summary>
/// Meta's error codes mapped to typed rejections. Branch on the code, never on the message; the HTTP status decides only for a code
/// we do not know: a 429 is throttling whatever code it carries (mirrors disagree: 130429 comes as 400 or 429), a 5xx may pass,
/// anything else is final. The source of each code is the error table of docs/whatsapp.md: Meta's error-code page
/// (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes, its "Marketing Messages API for WhatsApp
/// error codes" too), the business-scoped user id page for 131062, the identity change check for 137000, WHATSAPP-FACTS.md §7.
/// </summary>
internal static class GraphErrors
{
    /// <summary>Meta's pair rate limit (131056): about one message every 6 s to one user.</summary>
    public static readonly TimeSpan PairRateWait = TimeSpan.FromSeconds(6);

    /// <summary>Meta's per-user marketing limit (131049): wait at least 24 hours before sending the template again.</summary>
    public static readonly TimeSpan MarketingLimitWait = TimeSpan.FromHours(24);

    /// <summary>A throttled Flow (132069) may be sent 10 times an hour.</summary>
    public static readonly TimeSpan ThrottledFlowWait = TimeSpan.FromHours(1);

    /// <summary>A template new to the Marketing Messages API is synced for up to 10 minutes first (134101).</summary>
    public static readonly TimeSpan TemplateSyncWait = TimeSpan.FromMinutes(10);

    public static GraphErrorClass Classify(int code, int httpStatus) => code switch
    {
        131047 => new(RejectionReason.WindowClosed, false),
        131026 or 130472 => new(RejectionReason.Undeliverable, false),
        131050 => new(RejectionReason.OptedOut, false),
        131049 => new(RejectionReason.MarketingLimited, true, MarketingLimitWait),
        131048 => new(RejectionReason.SpamLimited, false),
        // 131064: Meta lifts it after an enforcement period it does not state, so no retry rule can name the moment.
        131037 or 131031 or 131064 => new(RejectionReason.AccountRestricted, false),
        131062 => new(RejectionReason.PhoneNumberRequired, false),
        131063 or 131055 or 134100 or 134102 => new(RejectionReason.MarketingRouteMismatch, false),
        134101 => new(RejectionReason.TemplateNotApproved, true, TemplateSyncWait),
        131051 => new(RejectionReason.UnsupportedContent, false),
        131052 or 131053 => new(RejectionReason.MediaError, false),
        132068 => new(RejectionReason.FlowUnavailable, false),
        132069 => new(RejectionReason.FlowUnavailable, true, ThrottledFlowWait),
        137000 => new(RejectionReason.IdentityChanged, false),
        131021 => new(RejectionReason.InvalidNumber, false),
        0 or 3 or 10 or 104 or 190 or 200 or 131005 or 368 => new(RejectionReason.NotAuthorized, false),
        132000 or 132005 or 132007 or 132012 => new(RejectionReason.TemplateParametersMismatch, false),
        132001 or 132015 or 132016 => new(RejectionReason.TemplateNotApproved, false),
        131056 => new(RejectionReason.RateLimited, true, PairRateWait),
        4 or 17 or 613 or 80007 or 130429 => new(RejectionReason.RateLimited, true),
        1 or 2 or 131000 or 131016 or 131057 or 2494100 => new(RejectionReason.ChannelError, true),
        _ => Unknown(httpStatus),
    };

    /// <summary>A code we do not know (or no code at all): the HTTP status says what it can.</summary>
    public static GraphErrorClass Unknown(int httpStatus) => httpStatus == 429
        ? new(RejectionReason.RateLimited, true)
        : new(RejectionReason.ChannelError, httpStatus is 0 or 408 or >= 500);
}
