using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Outbound;
using Conecta.Channels.Phones;
using Conecta.Channels.Sessions;

namespace Conecta.Channels.Channels.WhatsApp;

/// <summary>WhatsApp's conversations: the standard rules, contacts keyed by their canonical phone (or BSUID), a template to start.</summary>
internal sealed class WhatsAppPolicy : IChannelPolicy
{
    public string Channel => WebhookMapper.Channel;

    public ConversationPolicy Conversation => ConversationPolicy.Standard;

    /// <summary>The canonical phone of a valid mobile number, ninth digit restored, or a "bsuid:" contact key as it is.</summary>
    public string? ContactKeyOf(string to)
    {
        if (to.StartsWith(ContactKeys.UserIdPrefix, StringComparison.Ordinal)) return to;
        var parsed = PhoneParser.Parse(to, defaultRegion: null, requireMobile: true);
        return parsed.IsValid ? parsed.Phone!.Canonical : null;
    }

    /// <summary>The approved template; the pipeline's rules check the number and the template's approval.</summary>
    public Task<Opening> OpenAsync(StartActiveContact start, CancellationToken cancellationToken) =>
        Task.FromResult(Opening.Send(OutboundCommand.From(
            new SendTemplate(start.CommandId, start.AccountId, start.To, start.TemplateName, start.Language, start.Components))));
}
