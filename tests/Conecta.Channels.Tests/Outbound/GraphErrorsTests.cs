using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Contracts.Events;
using static Conecta.Channels.Contracts.Events.RejectionReason;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>Every code of WHATSAPP-FACTS.md §7 (with the HTTP status Meta sends it with) and the extra ones, to a typed reason.</summary>
public sealed class GraphErrorsTests
{
    private static readonly TimeSpan? SixSeconds = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan? ADay = TimeSpan.FromHours(24);
    private static readonly TimeSpan? AnHour = TimeSpan.FromHours(1);
    private static readonly TimeSpan? TenMinutes = TimeSpan.FromMinutes(10);

    public static TheoryData<int, int, RejectionReason, bool, TimeSpan?> Codes => new()
    {
        { 0, 401, NotAuthorized, false, null },
        { 1, 400, ChannelError, true, null },
        { 2, 503, ChannelError, true, null },
        { 3, 500, NotAuthorized, false, null }, // a 5xx that retrying cannot fix
        { 4, 400, RateLimited, true, null },
        { 10, 403, NotAuthorized, false, null },
        { 100, 400, ChannelError, false, null },
        { 190, 401, NotAuthorized, false, null },
        { 368, 403, NotAuthorized, false, null },
        { 80007, 400, RateLimited, true, null },
        { 130429, 400, RateLimited, true, null },
        { 130429, 429, RateLimited, true, null },
        { 130472, 400, Undeliverable, false, null },
        { 131000, 500, ChannelError, true, null },
        { 131005, 403, NotAuthorized, false, null },
        { 131008, 400, ChannelError, false, null },
        { 131009, 400, ChannelError, false, null },
        { 131016, 500, ChannelError, true, null },
        { 131021, 400, InvalidNumber, false, null },
        { 131026, 400, Undeliverable, false, null },
        { 131031, 400, AccountRestricted, false, null },
        { 131042, 400, ChannelError, false, null },
        { 131045, 400, ChannelError, false, null },
        { 131047, 400, WindowClosed, false, null },
        { 131056, 400, RateLimited, true, SixSeconds }, // the recipient waits 6 s; not retried inline
        { 132000, 400, TemplateParametersMismatch, false, null },
        { 132001, 404, TemplateNotApproved, false, null },
        { 132012, 400, TemplateParametersMismatch, false, null },
        { 132015, 400, TemplateNotApproved, false, null },
        { 132016, 400, TemplateNotApproved, false, null },
        { 133010, 400, ChannelError, false, null },
        { 135000, 400, ChannelError, false, null },
        // Issue 20: the current codes, each to a typed reason and its retry rule.
        { 131037, 400, AccountRestricted, false, null }, // display name not approved
        { 131048, 400, SpamLimited, false, null }, // spam rate: retrying makes it worse
        { 131049, 400, MarketingLimited, true, ADay }, // per-user marketing limit: later, not now
        { 131049, 429, MarketingLimited, true, ADay },
        { 131050, 400, OptedOut, false, null },
        { 131051, 400, UnsupportedContent, false, null },
        { 131052, 400, MediaError, false, null },
        { 131053, 400, MediaError, false, null },
        { 131062, 400, PhoneNumberRequired, false, null }, // authentication template to a BSUID (Meta's BSUID page)
        { 131063, 400, MarketingRouteMismatch, false, null }, // marketing off on the Cloud API: the Marketing Messages API takes it
        { 131064, 400, AccountRestricted, false, null }, // template classification violations: every send, Meta lifts it later
        // The Marketing Messages API's own codes (Meta's error-code page, "Marketing Messages API for WhatsApp error codes").
        { 131055, 400, MarketingRouteMismatch, false, null }, // only marketing templates there
        { 134100, 400, MarketingRouteMismatch, false, null },
        { 134101, 400, TemplateNotApproved, true, TenMinutes }, // the template is still syncing: up to 10 minutes
        { 134102, 500, MarketingRouteMismatch, false, null }, // a 500 that retrying cannot fix: not onboarded, or ad sync failed
        { 132005, 400, TemplateParametersMismatch, false, null }, // hydrated text too long
        { 132007, 400, TemplateParametersMismatch, false, null }, // format characters in parameters
        { 132068, 400, FlowUnavailable, false, null }, // blocked flow
        { 132069, 400, FlowUnavailable, true, AnHour }, // throttled flow: 10 an hour
        { 137000, 400, IdentityChanged, false, null },
        { 2494100, 503, ChannelError, true, null }, // the number is in maintenance mode: "try again in a few minutes"
        // Graph's other throttling and permission codes, and 131057 (maintenance).
        { 131057, 503, ChannelError, true, null },
        { 17, 400, RateLimited, true, null },
        { 613, 400, RateLimited, true, null },
        { 104, 401, NotAuthorized, false, null },
        { 200, 403, NotAuthorized, false, null },
        // Unknown codes fall back on the HTTP status; a 429 is always throttling.
        { 999999, 400, ChannelError, false, null },
        { 999999, 404, ChannelError, false, null },
        { 999999, 429, RateLimited, true, null },
        { 999999, 500, ChannelError, true, null },
        { 999999, 503, ChannelError, true, null },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_graph_error_code_has_a_typed_reason_and_a_retry_decision(int code, int httpStatus, RejectionReason reason, bool retryable,
        TimeSpan? retryAfter)
    {
        var meaning = GraphErrors.Classify(code, httpStatus);

        Assert.Equal(new GraphErrorClass(reason, retryable, retryAfter), meaning);
        // Retried inside the call only when Meta names no wait of its own.
        Assert.Equal(retryable && retryAfter is null, meaning.RetryNow);
    }
}
