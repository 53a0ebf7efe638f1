using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Contracts.Events;
using static Conecta.Channels.Contracts.Events.RejectionReason;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>Every code of WHATSAPP-FACTS.md §7 (with the HTTP status Meta sends it with) and the extra ones, to a typed reason.</summary>
public sealed class GraphErrorsTests
{
    public static TheoryData<int, int, RejectionReason, bool> Codes => new()
    {
        { 0, 401, NotAuthorized, false },
        { 1, 400, ChannelError, true },
        { 2, 503, ChannelError, true },
        { 3, 500, NotAuthorized, false }, // a 5xx that retrying cannot fix
        { 4, 400, RateLimited, true },
        { 10, 403, NotAuthorized, false },
        { 100, 400, ChannelError, false },
        { 190, 401, NotAuthorized, false },
        { 368, 403, NotAuthorized, false },
        { 80007, 400, RateLimited, true },
        { 130429, 400, RateLimited, true },
        { 130429, 429, RateLimited, true },
        { 130472, 400, Undeliverable, false },
        { 131000, 500, ChannelError, true },
        { 131005, 403, NotAuthorized, false },
        { 131008, 400, ChannelError, false },
        { 131009, 400, ChannelError, false },
        { 131016, 500, ChannelError, true },
        { 131021, 400, InvalidNumber, false },
        { 131026, 400, Undeliverable, false },
        { 131031, 400, ChannelError, false },
        { 131042, 400, ChannelError, false },
        { 131045, 400, ChannelError, false },
        { 131047, 400, WindowClosed, false },
        { 131049, 400, Undeliverable, false },
        { 131051, 400, ChannelError, false },
        { 131052, 400, ChannelError, false },
        { 131053, 400, ChannelError, false },
        { 131056, 400, RateLimited, true },
        { 132000, 400, TemplateParametersMismatch, false },
        { 132001, 404, TemplateNotApproved, false },
        { 132005, 400, ChannelError, false },
        { 132007, 400, ChannelError, false },
        { 132012, 400, TemplateParametersMismatch, false },
        { 132015, 400, TemplateNotApproved, false },
        { 132016, 400, TemplateNotApproved, false },
        { 133010, 400, ChannelError, false },
        { 135000, 400, ChannelError, false },
        // The extra ones under the table, and Graph's other throttling and permission codes.
        { 131048, 400, ChannelError, false },
        { 131050, 400, Undeliverable, false },
        { 131057, 503, ChannelError, true },
        { 17, 400, RateLimited, true },
        { 613, 400, RateLimited, true },
        { 104, 401, NotAuthorized, false },
        { 200, 403, NotAuthorized, false },
        // Unknown codes fall back on the HTTP status.
        { 999999, 400, ChannelError, false },
        { 999999, 404, ChannelError, false },
        { 999999, 500, ChannelError, true },
        { 999999, 503, ChannelError, true },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_graph_error_code_has_a_typed_reason_and_a_retry_decision(int code, int httpStatus, RejectionReason reason, bool retryable) =>
        Assert.Equal(new GraphErrorClass(reason, retryable), GraphErrors.Classify(code, httpStatus));
}
