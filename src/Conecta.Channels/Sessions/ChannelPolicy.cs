using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Sessions;

/// <summary>What a StartActiveContact sends on a channel, or why it may not start there.</summary>
internal sealed record Opening(OutboundCommand? Command, RuleRejection? Refusal)
{
    public static Opening Send(OutboundCommand command) => new(command, null);

    public static Opening Refuse(RuleRejection refusal) => new(null, refusal);
}

/// <summary>
/// The conversation seam: what the shared session rules ask a channel instead of asking which channel it is.
/// One implementation per channel, beside its webhook and sender.
/// </summary>
internal interface IChannelPolicy
{
    string Channel { get; }

    ConversationPolicy Conversation { get; }

    /// <summary>The contact key a command's recipient names on this channel; null when it names nobody here (the channel's recipient rule refuses it).</summary>
    string? ContactKeyOf(string to);

    /// <summary>The first message of an active contact, or why this contact may not be started on this channel.</summary>
    Task<Opening> OpenAsync(StartActiveContact start, CancellationToken cancellationToken);
}

/// <summary>An account, disabled ones included, and the policy of its channel.</summary>
internal sealed record PolicedAccount(ChannelAccount Account, IChannelPolicy Policy);

/// <summary>Finds the policy of a channel, or of the channel an account id belongs to.</summary>
internal sealed class ChannelPolicies(IEnumerable<IChannelPolicy> policies, IChannelAccounts accounts)
{
    private readonly IReadOnlyList<IChannelPolicy> _policies = policies.ToList();

    public IChannelPolicy? Find(string channel) => _policies.FirstOrDefault(p => p.Channel == channel);

    public IChannelPolicy For(string channel) =>
        Find(channel) ?? throw new InvalidOperationException($"No channel policy registered for '{channel}'.");

    /// <summary>Commands name the provider's account id only; provider ids do not collide across channels.</summary>
    public async Task<PolicedAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        foreach (var policy in _policies)
            if (await accounts.FindByProviderIdAsync(policy.Channel, accountId, cancellationToken) is { } account)
                return new PolicedAccount(account, policy);
        return null;
    }
}
