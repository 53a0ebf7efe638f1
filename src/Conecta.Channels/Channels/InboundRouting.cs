using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Channels;

/// <summary>Events for a registered account, and the provider account ids nobody registered.</summary>
internal sealed record RoutedEvents(IReadOnlyList<InboundEvent> Routable, IReadOnlyList<string> UnknownAccounts);

/// <summary>
/// Inbound updates go out only for registered channel accounts. An update for a number nobody
/// registered is not published (no consumer could route it): the webhook keeps it as a dead letter
/// and acknowledges it. Account-level changes (templates, WABA updates) carry no number and pass.
/// </summary>
internal sealed class InboundRouting(ChannelAccountStore accounts)
{
    public async Task<RoutedEvents> RouteAsync(string channel, IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken)
    {
        var unknown = new List<string>();
        foreach (var accountId in events.Select(e => AccountOf(e.Message)).OfType<string>().Distinct())
            if (await accounts.FindByProviderIdAsync(channel, accountId, cancellationToken) is null) unknown.Add(accountId);
        return unknown.Count == 0
            ? new RoutedEvents(events, [])
            : new RoutedEvents(events.Where(e => AccountOf(e.Message) is not { } id || !unknown.Contains(id)).ToList(), unknown);
    }

    private static string? AccountOf(object message) => message switch
    {
        InboundMessageReceived m => m.AccountId,
        MessageStatusChanged s => s.AccountId,
        ChannelNotificationReceived n => n.AccountId,
        BusinessMessageEchoed e => e.AccountId,
        MarketingPreferenceChanged p => p.AccountId,
        _ => null,
    };
}
