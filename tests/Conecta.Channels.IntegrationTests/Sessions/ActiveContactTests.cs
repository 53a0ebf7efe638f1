using System.Globalization;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using MassTransit;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>The active-contact story over real RabbitMQ and Redis, with the Graph API in WireMock.</summary>
[Collection(ServersCollection.Name)]
public sealed class ActiveContactTests(AppFactory app)
{
    private const string Typed = "5531988887777";
    // How WhatsApp reports an older Brazilian mobile: without its ninth digit.
    private const string InboundId = "553188887777";
    private const string Template = ApprovedTemplates.Name;

    [Fact]
    public async Task Template_then_reply_unlocks_typing_once_queues_to_the_team_and_lets_free_text_through()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ApproveTemplateAsync(account);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.OUT", Typed)));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected", "ActiveContactStarted", "TypingUnlocked", "SessionQueued");
        var start = new StartActiveContact(Guid.NewGuid(), account, Typed, "ana", "vendas", Template, "pt_BR", []);

        await app.PublishAsync(start);
        var started = await probe.TakeAsync(only: BusMessage.Of(account), expected: 2);
        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Typed, "antes da resposta"));
        var locked = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        var reply = InboundText(account, "wamid.REPLY." + Guid.NewGuid().ToString("N"), "sim, pode falar");
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++) (await SignedPosts.PostAsync(client, reply)).EnsureSuccessStatusCode();
        var unlocked = await probe.TakeAsync(only: BusMessage.Of(account), expected: 2, settle: TimeSpan.FromSeconds(2));
        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Typed, "depois da resposta"));
        var accepted = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));

        Assert.Equal(["ActiveContactStarted", "MessageAccepted"], started.Select(m => m.MessageType).Order());
        Assert.Equal(("MessageRejected", "TypingLocked"), (locked.MessageType, locked.Message.GetProperty("reason").GetString()));
        Assert.Equal(["TypingUnlocked", "SessionQueued"], unlocked.Select(m => m.MessageType));
        var queued = unlocked[1].Message;
        Assert.Equal(("vendas", "ana", "sim, pode falar", Typed),
            (queued.GetProperty("team").GetString(), queued.GetProperty("agentId").GetString(),
             queued.GetProperty("firstMessageText").GetString(), queued.GetProperty("contactKey").GetString()));
        Assert.Equal(started.Single(m => m.MessageType == "ActiveContactStarted").Message.GetProperty("sessionId").GetGuid(),
            queued.GetProperty("sessionId").GetGuid());
        Assert.Equal("MessageAccepted", accepted.MessageType);
        Assert.Equal(["template", "text"], graph.Sends().Select(s => s.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Free_text_as_a_first_contact_is_refused_before_any_request()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NO", Typed)));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new SendText(Guid.NewGuid(), account, Typed, "oi"));

        Assert.Equal("TemplateRequired", Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1)).Message.GetProperty("reason").GetString());
        Assert.Empty(graph.Sends());
    }

    [Fact]
    public async Task Another_agent_is_refused_while_the_contact_awaits_the_first_agent()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ApproveTemplateAsync(account);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.OUT", Typed)));
        await using var probe = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");

        await app.PublishAsync(new StartActiveContact(Guid.NewGuid(), account, Typed, "ana", "vendas", Template, "pt_BR", []));
        Assert.Equal("MessageAccepted", Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1)).MessageType);
        await app.PublishAsync(new StartActiveContact(Guid.NewGuid(), account, "+55 (31) 98888-7777", "bruno", "suporte", Template, "pt_BR", []));

        Assert.Equal("ContactInSession", Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1)).Message.GetProperty("reason").GetString());
        Assert.Single(graph.Sends());
    }

    private Task ApproveTemplateAsync(string account) => ApprovedTemplates.ApproveAsync(app, account);

    /// <summary>A text from the contact as Meta posts it, sent now (the window runs from its timestamp).</summary>
    private static string InboundText(string account, string wamid, string text) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"waba-{{{account}}}","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"5531300000000","phone_number_id":"{{{account}}}"},
          "contacts":[{"profile":{"name":"Maria"},"wa_id":"{{{InboundId}}}"}],
          "messages":[{"from":"{{{InboundId}}}","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}}}","type":"text","text":{"body":"{{{text}}}"}}]}}]}]}
        """;
}
