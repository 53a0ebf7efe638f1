using Conecta.Channels.Channels.WhatsApp;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Phones;

/// <summary>
/// A WhatsApp recipient must be DDI + DDD + mobile number (e.g. 55 31 9XXXXXXXX); a contact known only
/// by its business-scoped user id ("bsuid:…") passes as it is. Other channels address contacts otherwise.
/// </summary>
internal sealed class RecipientNumberRule : IOutboundRule
{
    public string? Channel => WebhookMapper.Channel;

    public Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken)
    {
        if (command.To is null || command.To.StartsWith(ContactKeys.UserIdPrefix, StringComparison.Ordinal))
            return Task.FromResult<RuleRejection?>(null);
        // No default region: a number without its DDI is refused rather than guessed.
        var parsed = PhoneParser.Parse(command.To, defaultRegion: null, requireMobile: true);
        return Task.FromResult(parsed.Rejection is { } rejection
            ? new RuleRejection(RejectionReason.InvalidNumber, PhoneRejectionMessages.For(rejection))
            : null);
    }
}
