using Conecta.Channels.Accounts;
using Conecta.Channels.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.ThirdChannel;

/// <param name="ApiUrl">Relay's send API (a WireMock server here).</param>
/// <param name="WebhookKey">The key Relay sends in <see cref="RelayInbound.KeyHeader"/>.</param>
internal sealed record RelaySettings(string ApiUrl, string WebhookKey);

internal static class RelaySetup
{
    /// <summary>Relay's one call, as AddWhatsApp() and AddTelegram() are theirs: the same registration, nothing else.</summary>
    public static IServiceCollection AddRelay(this IServiceCollection services, RelaySettings settings)
    {
        services.AddSingleton(settings);
        services.AddChannel<RelayChannel, RelayInbound>(RelayChannel.Profile, "/relay/{accountId}");
        services.AddProviderClient<RelayClient>(RelayChannel.Name, RelayClient.AccountKey, _ => RelayClient.Api(settings.ApiUrl));
        services.AddSingleton<IAccountRegistration, RelayRegistration>();
        return services;
    }
}
