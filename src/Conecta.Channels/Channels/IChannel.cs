using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Sessions;

namespace Conecta.Channels.Channels;

/// <summary>What the shared code reads about a channel as data, known without building it.</summary>
/// <param name="Name">The channel's name on the bus, in the account registry and in commands' outcomes ("whatsapp").</param>
/// <param name="Conversation">Its conversation rules, which the shared session machine reads.</param>
/// <param name="DefaultRateLimit">An account's messages per second when its admin sets none.</param>
/// <param name="AccountProblems">The channel's own checks of an account's fields (the form of its ids, its token), as (JSON field,
/// message); asked after the checks every account gets, and heard only on fields those let through.</param>
/// <param name="TypingLasts">How long the network shows one typing indicator (ShowTyping goes at most once in that time per
/// contact); null when the channel has none.</param>
/// <param name="MarketingApi">Whether the network has an API of its own for marketing messages that an account may send them
/// through (WhatsApp's Marketing Messages API): the account setting marketingMessagesApi is refused on channels without one.</param>
internal sealed record ChannelProfile(
    string Name,
    ConversationPolicy Conversation,
    int DefaultRateLimit,
    Func<ChannelAccountInput, IEnumerable<(string Field, string Problem)>> AccountProblems,
    TimeSpan? TypingLasts = null,
    bool MarketingApi = false);

/// <summary>How fast one account may send: to any one contact, and in all.</summary>
internal sealed record SendLimits(RateLimit PerRecipient, RateLimit PerAccount);

/// <summary>A reason not to send, decided before the network.</summary>
internal sealed record RuleRejection(RejectionReason Reason, string Detail);

/// <param name="ProviderContactId">The contact's id as the provider answered it, which may differ from the one sent (Brazil's ninth digit).</param>
internal sealed record Sent(string ProviderMessageId, string? ProviderContactId);

/// <param name="RetryAfter">The provider's own wait before a retry can help. On a RateLimited refusal it is the recipient's (Meta's
/// pair rate limit): the pipeline holds that recipient's next send until it has passed.</param>
internal sealed record Refused(RejectionReason Reason, bool Retryable, int? ProviderCode, string? ProviderTitle, string? Detail,
    TimeSpan? RetryAfter = null);

/// <summary>The provider's answer to one send: the message it took, or its refusal. Exactly one is set.</summary>
internal sealed record SendResult(Sent? Sent, Refused? Refused);

/// <summary>What a StartActiveContact sends on a channel, or why it may not start there. Exactly one is set.</summary>
internal sealed record Opening(OutboundCommand? Command, RuleRejection? Refusal);

/// <summary>
/// The channel seam: one implementation per network, in its folder (Channels/WhatsApp, Channels/Telegram), registered with
/// <see cref="ChannelSetup.AddChannel{TChannel, TInbound}"/> beside its webhook (<see cref="IInboundChannel"/>). The outbound
/// pipeline, the conversation commands and the account registry ask it what differs between networks, never which one it is.
/// </summary>
internal interface IChannel
{
    ChannelProfile Profile { get; }

    /// <summary>
    /// The contact a command's recipient names here, in its one spelling: the key of the contact's session, of its rate-limit
    /// bucket and of its commands' ordering partition (every spelling of one contact is one key); null when it names nobody here.
    /// </summary>
    string? ContactKeyOf(string to);

    /// <summary>What the channel refuses before the network (a recipient of the wrong form, what it cannot carry, its own rules).</summary>
    /// <param name="contactKey">The command's recipient as <see cref="ContactKeyOf"/> keys it: null when it names nobody here (say why)
    /// or the command has none.</param>
    Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, string? contactKey, CancellationToken cancellationToken);

    /// <summary>The network's limits for sends from this account to this contact (its <see cref="ContactKeyOf"/>; null when the command has none).</summary>
    SendLimits Limits(OutboundAccount account, string? contactKey);

    /// <summary>The first message of an active contact, or why this contact may not be started here.</summary>
    Task<Opening> OpenAsync(StartActiveContact start, CancellationToken cancellationToken);

    /// <summary>One checked command to the network; every answer, or the lack of one, is a <see cref="SendResult"/>.</summary>
    Task<SendResult> SendAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken);

    /// <summary>The channel's files through the media proxy; null when the channel carries none.</summary>
    IChannelMedia? Media => null;
}
