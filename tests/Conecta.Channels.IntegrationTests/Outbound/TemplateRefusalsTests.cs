using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>
/// Two template refusals issue 20's error check reclassified, as a command sees them: an authentication template to a business-scoped
/// user id (Meta: 131062, "only to recipients' phone numbers") is refused before the network; Meta's 131063 (marketing templates
/// turned off on the Cloud API) is MarketingRouteMismatch, final, not an account restriction.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class TemplateRefusalsTests(AppFactory app)
{
    private const string Contact = "5531988887777";

    [Fact]
    public async Task An_authentication_template_to_a_bsuid_is_refused_phone_number_required_before_the_network_and_to_the_number_it_goes()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ApprovedTemplates.ApproveAsync(app, account, "codigo_acesso", "AUTHENTICATION");
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.OTP", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendTemplate(Guid.NewGuid(), account, "bsuid:BR.1502576394655843", "codigo_acesso", "pt_BR", []));
        var refused = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await app.PublishAsync(new SendTemplate(Guid.NewGuid(), account, Contact, "codigo_acesso", "pt_BR", []));
        var sent = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal(("MessageRejected", "PhoneNumberRequired", false), (refused.MessageType, refused.Message.GetProperty("reason").GetString(),
            refused.Message.GetProperty("retryable").GetBoolean()));
        Assert.Equal("MessageAccepted", sent.MessageType);
        Assert.Equal(Contact, Assert.Single(graph.Sends()).GetProperty("to").GetString());
    }

    [Fact]
    public async Task Meta_s_131063_on_messages_is_a_final_marketing_route_mismatch_tried_once()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ApprovedTemplates.ApproveAsync(app, account, "promo_natal", "MARKETING");
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(400)
            .WithBody(GraphFake.Error(131063, "Marketing templates are disabled for your Cloud API configuration")));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendTemplate(Guid.NewGuid(), account, Contact, "promo_natal", "pt_BR", []));
        var refused = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal(("MarketingRouteMismatch", false, 131063), (refused.Message.GetProperty("reason").GetString(),
            refused.Message.GetProperty("retryable").GetBoolean(), refused.Message.GetProperty("providerCode").GetInt32()));
        Assert.Single(graph.Sends());
    }
}
