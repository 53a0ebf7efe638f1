using Conecta.Channels.Contracts.Events;
using Conecta.Channels.RateLimits;

namespace Conecta.Channels.Outbound;

/// <summary>What the sender needs to know about the account a command goes out from.</summary>
/// <param name="AccountId">The provider's id of the account (WhatsApp phone_number_id, Telegram bot id).</param>
/// <param name="ApiVersion">Pinned provider API version; null uses the channel's default.</param>
internal sealed record OutboundAccount(string AccountId, string Channel, string AccessToken, string? ApiVersion, int MessagesPerSecond)
{
    /// <summary>The account's own throughput, whatever the channel: smooth, because one account is one busy key.</summary>
    public RateLimit SendRate => new(MessagesPerSecond, TimeSpan.FromSeconds(1), Smooth: true);
}

/// <summary>Finds the active account a command names.</summary>
internal interface IOutboundAccounts
{
    Task<OutboundAccount?> FindAsync(string accountId, CancellationToken cancellationToken);
}

/// <summary>A reason not to send, decided before the network.</summary>
internal sealed record RuleRejection(RejectionReason Reason, string Detail);

/// <summary>
/// The rules seam: every registered rule is asked, in registration order, before a command may
/// use the network (number format, template approval, session window, typing lock, …).
/// </summary>
internal interface IOutboundRule
{
    /// <summary>The one channel whose commands this rule judges (phone numbers and templates are WhatsApp's); null for every channel.</summary>
    string? Channel => null;

    Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken);
}

internal abstract record SendResult;

internal sealed record Sent(string ProviderMessageId, string? ProviderContactId) : SendResult;

internal sealed record Refused(RejectionReason Reason, bool Retryable, int? ProviderCode, string? ProviderTitle, string? Detail) : SendResult;

/// <summary>How fast one account may send: to any one recipient, and in all.</summary>
internal sealed record SendLimits(RateLimit PerRecipient, RateLimit PerAccount);

/// <summary>The channel seam for sending: one implementation per network (WhatsApp, Telegram, …).</summary>
internal interface IOutboundChannel
{
    string Channel { get; }

    /// <summary>The network's rate limits for sends from this account to this recipient (its <see cref="RecipientKey"/>; null when the command has none).</summary>
    SendLimits Limits(OutboundAccount account, string? recipient);

    /// <summary>The recipient as the per-recipient limit counts it: every spelling of one contact is one key.</summary>
    string RecipientKey(string to);

    Task<SendResult> SendAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken);
}
