using System.Globalization;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Outbound;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>Telegram behind the outbound seam: the command becomes a Bot API call, Telegram's answer a typed result.</summary>
internal sealed class TelegramOutbound(BotApiClient bots, IOptions<TelegramOptions> options) : IOutboundChannel
{
    public string Channel => TelegramUpdates.Channel;

    /// <summary>
    /// About one message a second per chat, about 20 a minute per group (negative chat ids; smooth, so never two within the
    /// second either); the bot's own rate (about 30 a second unless paid broadcasts are on) in all.
    /// </summary>
    public SendLimits Limits(OutboundAccount account, string? recipient) =>
        new(recipient?.StartsWith('-') == true
                ? new RateLimit(options.Value.GroupLimit, options.Value.GroupWindow, Smooth: true)
                : new RateLimit(options.Value.ChatLimit, options.Value.ChatWindow),
            account.SendRate);

    public string RecipientKey(string to) => ChatIds.Canonical(to) ?? to;

    public async Task<SendResult> SendAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken)
    {
        var call = BotApiMessages.For(command);
        var pace = new DispatchPace(account.AccountId, account.SendRate);
        var result = await bots.SendAsync(new BotAccount(account.AccountId, account.AccessToken), call.Method, call.Body, pace, cancellationToken);
        if (result.Value is { } sent) return new Sent(ChatIds.Of(sent.MessageId), sent.Chat is { } chat ? ChatIds.Of(chat.Id) : null);
        var refusal = result.Refusal!;
        return new Refused(refusal.Class.Reason, refusal.Class.Retryable, refusal.ErrorCode == 0 ? null : refusal.ErrorCode, refusal.Description,
            Detail(refusal));
    }

    private static string? Detail(BotApiRefusal refusal) => refusal switch
    {
        { RetryAfter: { } wait } => $"Telegram asks to retry after {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.",
        { MigratedToChat: { } chat } => $"The group is now the supergroup {chat}: send to that chat id.",
        _ => null,
    };
}
