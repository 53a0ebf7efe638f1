using Conecta.Channels.Accounts;
using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Sessions;

namespace Conecta.Channels.IntegrationTests.ThirdChannel;

/// <summary>
/// A made-up network that exists only here, to prove the seam: contacts are handles ("@Maria"), conversations begin with a
/// template and stay open an hour after the contact's last message, one message an hour may go to a contact, and media and
/// read receipts do not travel. Nothing shared was changed to add it: <see cref="RelaySetup.AddRelay"/> is its whole wiring.
/// </summary>
internal sealed class RelayChannel(RelayClient relay) : IChannel
{
    public const string Name = "relay";

    public static readonly ConversationPolicy Conversation = new(TimeSpan.FromHours(1), TemplateFirst: true, LocksTyping: false);

    public static readonly ChannelProfile Profile = new(Name, Conversation, DefaultRateLimit: 5, AccountProblems);

    ChannelProfile IChannel.Profile => Profile;

    public string? ContactKeyOf(string to) => KeyOf(to);

    public Task<RuleRejection?> CheckAsync(OutboundAccount account, OutboundCommand command, string? contactKey, CancellationToken cancellationToken) =>
        Task.FromResult(command.Body switch
        {
            SendMedia or MarkAsRead => new RuleRejection(RejectionReason.InvalidCommand, "Relay carries text and templates only."),
            SendInteractive or SendReaction or SendLocation or SendContacts =>
                new RuleRejection(RejectionReason.UnsupportedContent, "Relay carries text and templates only."),
            _ when command.To is not null && contactKey is null => new RuleRejection(RejectionReason.InvalidNumber, "A Relay contact is a handle: letters and digits."),
            _ => null,
        });

    public SendLimits Limits(OutboundAccount account, string? contactKey) => new(new RateLimit(1, TimeSpan.FromHours(1)), account.SendRate);

    public Task<Opening> OpenAsync(StartActiveContact start, CancellationToken cancellationToken) =>
        Task.FromResult(new Opening(OutboundCommand.From(
            new SendTemplate(start.CommandId, start.AccountId, start.To, start.TemplateName, start.Language, start.Components)), null));

    public Task<SendResult> SendAsync(OutboundAccount account, OutboundCommand command, CancellationToken cancellationToken) =>
        relay.SendAsync(account, KeyOf(command.To!)!, command, cancellationToken);

    /// <summary>A handle in its one spelling: " @Maria " and "maria" are one contact.</summary>
    public static string? KeyOf(string? handle)
    {
        var key = handle?.Trim().TrimStart('@').ToLowerInvariant();
        return key is { Length: > 0 and <= 32 } && key.All(char.IsAsciiLetterOrDigit) ? key : null;
    }

    private static IEnumerable<(string Field, string Problem)> AccountProblems(ChannelAccountInput input)
    {
        if (input.ProviderAccountId is { } id && !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            yield return ("providerAccountId", "A Relay account id is lowercase letters, digits and '-'.");
    }
}
