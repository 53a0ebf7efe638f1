using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>
/// An account's marketingMessagesApi setting: its MARKETING templates go to Meta's POST /{phone-number-id}/marketing_messages with
/// the very body /messages would get; its utility templates and everything else stay on /messages, and an account without the
/// setting sends marketing templates on /messages as before.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class MarketingMessagesApiTests(AppFactory app)
{
    private const string Contact = "5531988887777";
    private const string Promo = "promo_natal";

    [Fact]
    public async Task Marketing_templates_go_to_marketing_messages_only_from_an_account_that_chose_it_with_the_same_body()
    {
        var chose = await RegisteredAccounts.RegisterAsync(app, marketingMessagesApi: true);
        var plain = await RegisteredAccounts.RegisterAsync(app);
        foreach (var account in new[] { chose, plain })
        {
            await ApprovedTemplates.ApproveAsync(app, account, Promo, "MARKETING");
            await ApprovedTemplates.ApproveAsync(app, account);
        }
        var choseMarketing = new GraphFake(app.Graph, chose, "marketing_messages")
            .Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.MM", Contact)));
        var choseMessages = new GraphFake(app.Graph, chose).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.CLOUD", Contact)));
        var plainMarketing = new GraphFake(app.Graph, plain, "marketing_messages")
            .Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.WRONG", Contact)));
        var plainMessages = new GraphFake(app.Graph, plain).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.PLAIN", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        // The same callback data on both sends: their bodies can then be compared byte for byte.
        SendTemplate Marketing(string account) => new(Guid.NewGuid(), account, Contact, Promo, "pt_BR",
            [new TemplateComponent("body", [])], CallbackData: "campanha-natal");

        await app.PublishAsync(Marketing(chose));
        var viaMarketingApi = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(chose), expected: 1));
        await app.PublishAsync(new SendTemplate(Guid.NewGuid(), chose, Contact, ApprovedTemplates.Name, "pt_BR", []));
        var utility = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(chose), expected: 1));
        await app.PublishAsync(new MarkAsRead(Guid.NewGuid(), chose, "wamid.FROM-CONTACT"));
        var read = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(chose), expected: 1));
        await app.PublishAsync(Marketing(plain));
        var viaCloudApi = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(plain), expected: 1));

        Assert.Equal(("MessageAccepted", "wamid.MM"), (viaMarketingApi.MessageType, viaMarketingApi.Message.GetProperty("providerMessageId").GetString()));
        Assert.Equal(("MessageAccepted", "wamid.CLOUD"), (utility.MessageType, utility.Message.GetProperty("providerMessageId").GetString()));
        Assert.Equal("MessageAccepted", read.MessageType);
        Assert.Equal(("MessageAccepted", "wamid.PLAIN"), (viaCloudApi.MessageType, viaCloudApi.Message.GetProperty("providerMessageId").GetString()));
        var marketingBody = Assert.Single(choseMarketing.RawSends());
        Assert.Equal(Promo, Assert.Single(choseMarketing.Sends()).GetProperty("template").GetProperty("name").GetString());
        Assert.Equal([ApprovedTemplates.Name, null], choseMessages.Sends().Select(s => s.TryGetProperty("template", out var t) ? t.GetProperty("name").GetString() : null));
        Assert.Equal("read", choseMessages.Sends()[1].GetProperty("status").GetString());
        Assert.Empty(plainMarketing.Sends());
        Assert.Equal(marketingBody, Assert.Single(plainMessages.RawSends()));
    }
}
