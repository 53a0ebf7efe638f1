using Conecta.Channels.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

internal static class RegisteredAccounts
{
    public const string AccessToken = "EAAG-test-token";

    /// <summary>Registers a WhatsApp number with a fresh phone_number_id, as an admin would.</summary>
    public static async Task<string> RegisterAsync(WebApplicationFactory<Program> app, int ratePerSecond = 80, string? joinNotice = null,
        string? leaveNotice = null, bool? marketingMessagesApi = null, bool? participantNotices = null)
    {
        var phoneNumberId = "7" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var store = app.Services.GetRequiredService<ChannelAccountStore>();
        var write = await store.CreateAsync(new ChannelAccountInput("whatsapp", phoneNumberId, "waba-" + phoneNumberId, "5531300000000",
            AccessToken, "v24.0", "suporte", ratePerSecond, joinNotice, leaveNotice, marketingMessagesApi, participantNotices), CancellationToken.None);
        Assert.NotNull(write.Account);
        return phoneNumberId;
    }
}
