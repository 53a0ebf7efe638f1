using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Preferences;
using Microsoft.Extensions.DependencyInjection;
using WireMock.ResponseBuilders;

namespace Conecta.Channels.IntegrationTests.Preferences;

/// <summary>
/// A contact's marketing opt-out, from Meta's user_preferences webhook (pywa's recording, the value made "stop") and from error
/// 131050: marketing templates to that contact are refused OptedOut before the network, utility templates still go.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class MarketingOptOutTests(AppFactory app)
{
    private const string Contact = "16505551234";
    private const string Fixture = "whatsapp/user-preferences/pywa-user-marketing-preferences-resume.json";

    [Fact]
    public async Task A_stop_from_the_webhook_refuses_marketing_templates_before_the_network_and_a_resume_lifts_it()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ApprovedTemplates.ApproveAsync(app, account, "promo_natal", "MARKETING");
        await ApprovedTemplates.ApproveAsync(app, account);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.T", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        using var client = app.CreateClient();

        await PostPreferenceAsync(client, account, "stop", timestamp: 1731705721);
        await StoppedAsync(account, expected: true);
        var marketing = new SendTemplate(Guid.NewGuid(), account, Contact, "promo_natal", "pt_BR", []);
        var utility = new SendTemplate(Guid.NewGuid(), account, Contact, ApprovedTemplates.Name, "pt_BR", []);
        await app.PublishAsync(marketing);
        var refused = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await app.PublishAsync(utility);
        var sent = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await PostPreferenceAsync(client, account, "resume", timestamp: 1731705722);
        await StoppedAsync(account, expected: false);
        await app.PublishAsync(marketing with { CommandId = Guid.NewGuid() });
        var resumed = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal(("MessageRejected", "OptedOut", false), (refused.MessageType, refused.Message.GetProperty("reason").GetString(),
            refused.Message.GetProperty("retryable").GetBoolean()));
        Assert.Equal("MessageAccepted", sent.MessageType);
        Assert.Equal("MessageAccepted", resumed.MessageType);
        Assert.Equal(["retomar_contato", "promo_natal"], graph.Sends().Select(s => s.GetProperty("template").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Meta_s_131050_records_the_opt_out_and_the_next_marketing_template_stops_before_the_network()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ApprovedTemplates.ApproveAsync(app, account, "promo_natal", "MARKETING");
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(400).WithBody(GraphFake.Error(131050, "User stopped marketing messages")));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendTemplate(Guid.NewGuid(), account, "+55 31 98888-7777", "promo_natal", "pt_BR", []));
        var first = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await app.PublishAsync(new SendTemplate(Guid.NewGuid(), account, "553188887777", "promo_natal", "pt_BR", []));
        var second = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal(("OptedOut", 131050), (first.Message.GetProperty("reason").GetString(), first.Message.GetProperty("providerCode").GetInt32()));
        Assert.Equal("OptedOut", second.Message.GetProperty("reason").GetString());
        Assert.Single(graph.Sends());
    }

    private static async Task PostPreferenceAsync(HttpClient client, string account, string value, long timestamp)
    {
        var body = SignedPosts.ForAccount(Fixtures.Read(Fixture), account)
            .Replace("\"resume\"", $"\"{value}\"", StringComparison.Ordinal)
            .Replace("1731705721", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        (await SignedPosts.PostAsync(client, body)).EnsureSuccessStatusCode();
    }

    /// <summary>The preference is kept by a consumer of the published event: wait until it holds.</summary>
    private Task StoppedAsync(string account, bool expected) =>
        Eventually.GetAsync(() => app.Services.GetRequiredService<IMarketingOptOuts>().HasStoppedAsync(account, Contact, default), stopped => stopped == expected);
}
