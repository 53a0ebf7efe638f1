using System.Globalization;
using System.Text.RegularExpressions;
using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// Telegram behind the seam: contacts are chats, with no templates, no window and no typing lock. What Telegram has instead: a
/// bot cannot write to a user who never started it, so an active contact goes only to a chat that has written to the bot. A
/// command becomes one Bot API call, Telegram's answer a typed result.
/// </summary>
internal sealed partial class TelegramChannel(BotApiClient bots, IStartedChats started, TelegramMedia media, IOptions<TelegramOptions> options) : IChannel
{
    /// <summary>Telegram's broadcast limit: about 30 messages per second per bot.</summary>
    public const int DefaultRateLimit = 30;

    /// <summary>Telegram shows a chat action for about 5 s, or until the bot's next message.</summary>
    public static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(5);

    public static readonly ChannelProfile Profile = new(TelegramUpdates.Channel,
        new ConversationPolicy(Window: null, TemplateFirst: false, LocksTyping: false), DefaultRateLimit, AccountProblems, TypingLasts);

    ChannelProfile IChannel.Profile => Profile;

    public IChannelMedia Media => media;

    public string? ContactKeyOf(string to) => ChatIds.Canonical(to);

    public Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, string? contactKey, CancellationToken cancellationToken) =>
        Task.FromResult(TelegramCommandRule.Problem(command));

    /// <summary>
    /// About one message a second per chat, about 20 a minute per group (negative chat ids; smooth, so never two within the
    /// second either); the bot's own rate (about 30 a second unless paid broadcasts are on) in all.
    /// </summary>
    public SendLimits Limits(OutboundAccount account, string? contactKey) =>
        new(contactKey?.StartsWith('-') == true
                ? new RateLimit(options.Value.GroupLimit, options.Value.GroupWindow, Smooth: true)
                : new RateLimit(options.Value.ChatLimit, options.Value.ChatWindow),
            account.SendRate);

    /// <summary>The command's Text; a recipient that is no chat id is left to <see cref="TelegramCommandRule"/> to refuse.</summary>
    public async Task<Opening> OpenAsync(StartActiveContact start, CancellationToken cancellationToken)
    {
        if (ChatIds.Canonical(start.To) is { } chat && !await started.HasStartedAsync(start.AccountId, chat, cancellationToken))
            return new Opening(null, new RuleRejection(RejectionReason.ContactNotStarted,
                "The contact has never written to this bot, and Telegram lets a bot write only to users who started it."));
        return new Opening(OutboundCommand.From(new SendText(start.CommandId, start.AccountId, start.To, start.Text ?? "")), null);
    }

    public async Task<SendResult> SendAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken)
    {
        var call = BotApiMessages.For(command);
        var pace = new DispatchPace(account.AccountId, account.SendRate);
        var bot = new BotAccount(account.AccountId, account.AccessToken);
        if (call.Method == "sendChatAction")
        {
            // A chat action answers true, not a message: the accepted outcome names no message.
            var (_, failed) = await bots.ActAsync(bot, call.Body, pace, cancellationToken);
            return failed is null ? new SendResult(new Sent("", call.Body.ChatId.ToString(CultureInfo.InvariantCulture)), null) : Refusal(failed);
        }
        var (sent, refusal) = await bots.SendAsync(bot, call.Method, call.Body, pace, cancellationToken);
        return refusal is null
            ? new SendResult(new Sent(ChatIds.Of(sent!.MessageId), sent.Chat is { } chat ? ChatIds.Of(chat.Id) : null), null)
            : Refusal(refusal);
    }

    private static SendResult Refusal(BotApiRefusal refusal) =>
        new(null, new Refused(refusal.Class.Reason, refusal.Class.Retryable, refusal.ErrorCode == 0 ? null : refusal.ErrorCode,
            refusal.Description, Detail(refusal)));

    private static string? Detail(BotApiRefusal refusal) => refusal switch
    {
        { RetryAfter: { } wait } => $"Telegram asks to retry after {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.",
        { MigratedToChat: { } chat } => $"The group is now the supergroup {chat}: send to that chat id.",
        _ => null,
    };

    /// <summary>A bot's id is the digits of its token before ':': a token of another bot would route its webhooks to the wrong account.</summary>
    private static IEnumerable<(string Field, string Problem)> AccountProblems(ChannelAccountInput input)
    {
        if (!ChannelAccountRules.IsDigits(input.ProviderAccountId))
            yield return ("providerAccountId", "A Telegram bot id is digits only: the part of the bot token before ':'.");
        if (input.AccessToken is { } token && (!BotToken().IsMatch(token) || !token.StartsWith(input.ProviderAccountId + ":", StringComparison.Ordinal)))
            yield return ("accessToken", "A Telegram bot token, <bot id>:<secret>, whose bot id is providerAccountId.");
    }

    [GeneratedRegex("^[0-9]{1,32}:[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex BotToken();
}
