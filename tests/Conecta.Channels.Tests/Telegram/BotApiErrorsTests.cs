using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>Bot API errors as the Bot API answers them → the typed rejection and whether a retry can help.</summary>
public sealed class BotApiErrorsTests
{
    public static TheoryData<int, string, RejectionReason, bool> Errors => new()
    {
        { 429, "Too Many Requests: retry after 5", RejectionReason.RateLimited, true },
        { 403, "Forbidden: bot can't initiate conversation with a user", RejectionReason.ContactNotStarted, false },
        { 403, "Forbidden: bot was blocked by the user", RejectionReason.Undeliverable, false },
        { 403, "Forbidden: user is deactivated", RejectionReason.Undeliverable, false },
        { 403, "Forbidden: bot was kicked from the supergroup chat", RejectionReason.Undeliverable, false },
        { 400, "Bad Request: chat not found", RejectionReason.Undeliverable, false },
        { 400, "Bad Request: group chat was upgraded to a supergroup chat", RejectionReason.Undeliverable, false },
        { 400, "Bad Request: message text is empty", RejectionReason.ChannelError, false },
        { 400, "Bad Request: wrong file identifier/HTTP URL specified", RejectionReason.ChannelError, false },
        { 401, "Unauthorized", RejectionReason.NotAuthorized, false },
        { 404, "Not Found", RejectionReason.NotAuthorized, false },
        { 409, "Conflict: can't use getUpdates method while webhook is active", RejectionReason.ChannelError, false },
        { 500, "Internal Server Error", RejectionReason.ChannelError, true },
        { 502, "Bad Gateway", RejectionReason.ChannelError, true },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Classifies_by_code_and_within_403_by_what_telegram_says(int code, string description, RejectionReason reason, bool retryable)
    {
        Assert.Equal(new BotApiErrorClass(reason, retryable), BotApiErrors.Classify(code, description));
    }
}
