using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

/// <summary>What a Graph API error means for the core platform, and whether trying again can help.</summary>
internal sealed record GraphErrorClass(RejectionReason Reason, bool Retryable);

/// <summary>
/// Meta's error codes (WHATSAPP-FACTS.md §7) mapped to typed rejections. Branch on the code, never
/// on the message or the HTTP status: mirrors disagree (130429 comes as 400 or 429).
/// </summary>
internal static class GraphErrors
{
    public static GraphErrorClass Classify(int code, int httpStatus) => code switch
    {
        131047 => new(RejectionReason.WindowClosed, false),
        131026 or 130472 or 131049 or 131050 => new(RejectionReason.Undeliverable, false),
        131021 => new(RejectionReason.InvalidNumber, false),
        0 or 3 or 10 or 104 or 190 or 200 or 131005 or 368 => new(RejectionReason.NotAuthorized, false),
        132000 or 132012 => new(RejectionReason.TemplateParametersMismatch, false),
        132001 or 132015 or 132016 => new(RejectionReason.TemplateNotApproved, false),
        4 or 17 or 613 or 80007 or 130429 or 131056 => new(RejectionReason.RateLimited, true),
        1 or 2 or 131000 or 131016 or 131057 => new(RejectionReason.ChannelError, true),
        _ => new(RejectionReason.ChannelError, httpStatus >= 500),
    };
}
