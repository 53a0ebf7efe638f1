using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.ResponseBuilders;

namespace Conecta.Channels.IntegrationTests.Accounts;

/// <summary>
/// Account health: Meta's account_update (pywa's DISABLED_UPDATE recording, its ban state made DISABLE, then as recorded: REINSTATE)
/// stops sends from the number before the network, typed AccountRestricted; the later update lifts the standing.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AccountStandingTests(AppFactory app)
{
    private const string Contact = "5531988887777";
    private const string Fixture = "whatsapp/account/pywa-account-update-account-disabled.json";

    [Fact]
    public async Task A_disabled_number_sends_nothing_and_a_reinstatement_lifts_its_standing()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Contact);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NO", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        using var client = app.CreateClient();

        await PostAsync(client, account, "DISABLE");
        await StandingAsync(account, "disabled");
        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Contact, "oi"));
        var refused = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await PostAsync(client, account, "REINSTATE");
        var lifted = await StandingAsync(account, "active");

        Assert.Equal(("MessageRejected", "AccountRestricted", false), (refused.MessageType, refused.Message.GetProperty("reason").GetString(),
            refused.Message.GetProperty("retryable").GetBoolean()));
        Assert.Contains("disabled", refused.Message.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(graph.Sends());
        Assert.Equal("DISABLED_UPDATE", lifted.ProviderStatus);
    }

    private static async Task PostAsync(HttpClient client, string account, string banState)
    {
        var body = Fixtures.Read(Fixture)
            .Replace("\"102290129340398\"", $"\"waba-{account}\"", StringComparison.Ordinal)
            .Replace("\"REINSTATE\"", $"\"{banState}\"", StringComparison.Ordinal);
        (await SignedPosts.PostAsync(client, body)).EnsureSuccessStatusCode();
    }

    /// <summary>The registry's consumer applies account changes from the bus: wait until it holds the standing.</summary>
    private Task<ChannelAccount> StandingAsync(string account, string standing) =>
        Eventually.GetAsync(async () => (await app.Services.GetRequiredService<ChannelAccountStore>().FindByProviderIdAsync("whatsapp", account, default))!,
            found => found.Standing == standing);
}
