using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Channels.Telegram.BotApi;

/// <summary>What a Bot API error means for the core platform, and whether trying again can help.</summary>
internal sealed record BotApiErrorClass(RejectionReason Reason, bool Retryable);

/// <summary>
/// The Bot API's errors mapped to typed rejections. Its error_code is the HTTP status, so within 403 the description
/// tells a contact who never started the bot from one who blocked it (Telegram documents no finer codes).
/// </summary>
internal static class BotApiErrors
{
    public static BotApiErrorClass Classify(int errorCode, string? description) => errorCode switch
    {
        429 => new(RejectionReason.RateLimited, true),
        403 when Says(description, "can't initiate conversation") => new(RejectionReason.ContactNotStarted, false),
        // Blocked by the user, user deactivated, bot kicked from the group: this chat will not take it.
        403 => new(RejectionReason.Undeliverable, false),
        400 when Says(description, "chat not found") => new(RejectionReason.Undeliverable, false),
        // The group became a supergroup with another chat id (in the refusal's detail): this id will not take it again.
        400 when Says(description, "upgraded to a supergroup") => new(RejectionReason.Undeliverable, false),
        // A revoked or mistyped token: 401 Unauthorized, or 404 for a path no bot has.
        401 or 404 => new(RejectionReason.NotAuthorized, false),
        >= 500 => new(RejectionReason.ChannelError, true),
        _ => new(RejectionReason.ChannelError, false),
    };

    private static bool Says(string? description, string words) =>
        description?.Contains(words, StringComparison.OrdinalIgnoreCase) == true;
}
