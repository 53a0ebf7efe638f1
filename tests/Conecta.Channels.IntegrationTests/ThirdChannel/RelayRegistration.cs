using Conecta.Channels.Accounts;
using Microsoft.AspNetCore.Http;

namespace Conecta.Channels.IntegrationTests.ThirdChannel;

/// <summary>Relay must be told about an account, as Telegram must about a bot: before it is stored, and before it is disabled.</summary>
internal sealed class RelayRegistration(RelayClient relay) : IAccountRegistration
{
    public string Channel => RelayChannel.Name;

    public async Task<RegistrationRefusal?> RegisterAsync(ChannelAccountInput input, CancellationToken cancellationToken) =>
        Refusal(await relay.WebhookAsync(HttpMethod.Put, input.ProviderAccountId!, input.AccessToken!, cancellationToken));

    public async Task<RegistrationRefusal?> UnregisterAsync(string providerAccountId, string accessToken, CancellationToken cancellationToken) =>
        Refusal(await relay.WebhookAsync(HttpMethod.Delete, providerAccountId, accessToken, cancellationToken));

    private static RegistrationRefusal? Refusal(int? status) => status is { } refused
        ? new RegistrationRefusal(StatusCodes.Status422UnprocessableEntity, "Relay refused the webhook", $"HTTP {refused}")
        : null;
}
