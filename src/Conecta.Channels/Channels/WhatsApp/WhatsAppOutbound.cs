using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Outbound;
using Conecta.Channels.Phones;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

/// <summary>WhatsApp behind the outbound seam: the command becomes a Graph message, Meta's answer a typed result.</summary>
internal sealed class WhatsAppOutbound(GraphClient graph, IOptions<WhatsAppOptions> options, IOptions<OutboundOptions> outbound) : IOutboundChannel
{
    public string Channel => WebhookMapper.Channel;

    /// <summary>Meta's pair rate limit per recipient; the business number's own throughput in all.</summary>
    public SendLimits Limits(OutboundAccount account, string? recipient) =>
        new(new RateLimit(outbound.Value.RecipientLimit, outbound.Value.RecipientWindow), account.SendRate);

    public string RecipientKey(string to) => ContactKeys.CanonicalPhone(to) ?? to;

    public async Task<SendResult> SendAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken)
    {
        var graphAccount = new GraphAccount(account.AccountId, account.AccessToken, account.ApiVersion ?? options.Value.GraphApiVersion);
        var pace = new DispatchPace(account.AccountId, account.SendRate);
        return await graph.SendAsync(graphAccount, GraphMessages.For(command), pace, cancellationToken) switch
        {
            GraphAccepted accepted => new Sent(accepted.MessageId, accepted.ContactId),
            GraphRefused refused => new Refused(refused.Class.Reason, refused.Class.Retryable, refused.Code, refused.Title, refused.Details),
            var other => throw new InvalidOperationException($"Unexpected Graph result {other}"),
        };
    }
}
