using Microsoft.AspNetCore.Mvc.Testing;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>The positive marker of a negative check: one signed text for an account of its own, which publishes one event.</summary>
internal static class Markers
{
    /// <summary>Posts the marker (after the request under test was answered) and returns the account its event carries.</summary>
    public static async Task<string> PostAsync(WebApplicationFactory<Program> app, HttpClient client)
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var response = await SignedPosts.PostAsync(client, SignedPosts.ForAccount(Fixtures.Read("whatsapp/messages/pywa-message-text.json"), account));
        response.EnsureSuccessStatusCode();
        return account;
    }
}
