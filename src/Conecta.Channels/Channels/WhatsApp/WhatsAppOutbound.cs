using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Outbound;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

/// <summary>WhatsApp behind the outbound seam: the command becomes a Graph message, Meta's answer a typed result.</summary>
internal sealed class WhatsAppOutbound(GraphClient graph, IOptions<WhatsAppOptions> options) : IOutboundChannel
{
    public string Channel => WebhookMapper.Channel;

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
