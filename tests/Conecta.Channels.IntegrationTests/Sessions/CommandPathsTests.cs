using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>
/// Every command of contracts/Commands, on each path (published on the real RabbitMQ, or sent over HTTP): the same outcome
/// events, the same request to Meta (WireMock). The HTTP endpoints publish the command; the bus consumers decide it.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class CommandPathsTests(AppFactory app)
{
    private const string Contact = "5531988887777";
    private const string ImageLink = "https://cdn.conecta.example/fatura.png";

    [Theory]
    [InlineData(CommandPaths.Bus)]
    [InlineData(CommandPaths.Http)]
    public async Task SendText_in_an_open_window_is_accepted_and_sent(string path)
    {
        var (account, graph) = await OpenAsync();
        var text = new SendText(Guid.NewGuid(), account, Contact, "Olá, Maria!");

        var outcome = await OutcomeOfAsync(account, path, text, "MessageAccepted", "MessageRejected");

        Assert.Equal(("MessageAccepted", text.CommandId), (outcome.MessageType, outcome.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal("Olá, Maria!", Assert.Single(graph.Sends()).GetProperty("text").GetProperty("body").GetString());
    }

    [Theory]
    [InlineData(CommandPaths.Bus)]
    [InlineData(CommandPaths.Http)]
    public async Task SendMedia_in_an_open_window_is_accepted_and_sent(string path)
    {
        var (account, graph) = await OpenAsync();
        var media = new SendMedia(Guid.NewGuid(), account, Contact, "image", Link: ImageLink, Caption: "Sua fatura");

        var outcome = await OutcomeOfAsync(account, path, media, "MessageAccepted", "MessageRejected");

        Assert.Equal(("MessageAccepted", media.CommandId), (outcome.MessageType, outcome.Message.GetProperty("commandId").GetGuid()));
        var image = Assert.Single(graph.Sends()).GetProperty("image");
        Assert.Equal((ImageLink, "Sua fatura"), (image.GetProperty("link").GetString(), image.GetProperty("caption").GetString()));
    }

    [Theory]
    [InlineData(CommandPaths.Bus)]
    [InlineData(CommandPaths.Http)]
    public async Task SendTemplate_of_an_approved_template_is_accepted_and_sent_without_a_window(string path)
    {
        var (account, graph) = await AccountAsync();
        await ApprovedTemplates.ApproveAsync(app, account);
        var template = new SendTemplate(Guid.NewGuid(), account, Contact, ApprovedTemplates.Name, "pt_BR", []);

        var outcome = await OutcomeOfAsync(account, path, template, "MessageAccepted", "MessageRejected");

        Assert.Equal(("MessageAccepted", template.CommandId), (outcome.MessageType, outcome.Message.GetProperty("commandId").GetGuid()));
        var sent = Assert.Single(graph.Sends()).GetProperty("template");
        Assert.Equal((ApprovedTemplates.Name, "pt_BR"), (sent.GetProperty("name").GetString(), sent.GetProperty("language").GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData(CommandPaths.Bus)]
    [InlineData(CommandPaths.Http)]
    public async Task MarkAsRead_is_accepted_and_tells_meta_the_message_was_read(string path)
    {
        var (account, graph) = await AccountAsync();
        var read = new MarkAsRead(Guid.NewGuid(), account, "wamid.IN." + Guid.NewGuid().ToString("N"));

        var outcome = await OutcomeOfAsync(account, path, read, "MessageAccepted", "MessageRejected");

        Assert.Equal(("MessageAccepted", read.CommandId), (outcome.MessageType, outcome.Message.GetProperty("commandId").GetGuid()));
        var sent = Assert.Single(graph.Sends());
        Assert.Equal(("read", read.ProviderMessageId), (sent.GetProperty("status").GetString(), sent.GetProperty("message_id").GetString()));
    }

    [Theory]
    [InlineData(CommandPaths.Bus)]
    [InlineData(CommandPaths.Http)]
    public async Task StartActiveContact_sends_the_template_and_starts_the_session_for_the_agent(string path)
    {
        var (account, graph) = await AccountAsync();
        await ApprovedTemplates.ApproveAsync(app, account);
        var start = new StartActiveContact(Guid.NewGuid(), account, Contact, "ana", "vendas", ApprovedTemplates.Name, "pt_BR", []);

        var outcomes = await OutcomesOfAsync(account, path, start, 2, "MessageAccepted", "MessageRejected", "ActiveContactStarted");

        Assert.Equal(["ActiveContactStarted", "MessageAccepted"], outcomes.Select(m => m.MessageType).Order());
        var started = outcomes.Single(m => m.MessageType == "ActiveContactStarted").Message;
        Assert.Equal((start.CommandId, "ana", "vendas"),
            (started.GetProperty("commandId").GetGuid(), started.GetProperty("agentId").GetString(), started.GetProperty("team").GetString()));
        Assert.Equal(ApprovedTemplates.Name, Assert.Single(graph.Sends()).GetProperty("template").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(CommandPaths.Bus)]
    [InlineData(CommandPaths.Http)]
    public async Task NotifyParticipantChange_in_an_open_window_sends_the_accounts_pt_br_notice(string path)
    {
        var (account, graph) = await OpenAsync();
        var joined = new NotifyParticipantChange(Guid.NewGuid(), account, Contact, "Ana", Joined: true);

        var outcome = await OutcomeOfAsync(account, path, joined, "MessageAccepted", "MessageRejected");

        Assert.Equal(("MessageAccepted", joined.CommandId), (outcome.MessageType, outcome.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal("Ana entrou na conversa.", Assert.Single(graph.Sends()).GetProperty("text").GetProperty("body").GetString());
    }

    [Theory]
    [InlineData(CommandPaths.Bus)]
    [InlineData(CommandPaths.Http)]
    public async Task EndSession_closes_the_open_session(string path)
    {
        var (account, graph) = await OpenAsync();
        var end = new EndSession(Guid.NewGuid(), account, Contact);

        var outcome = await OutcomeOfAsync(account, path, end, "SessionClosed", "MessageRejected");

        Assert.Equal(("SessionClosed", end.CommandId, Contact),
            (outcome.MessageType, outcome.Message.GetProperty("commandId").GetGuid(), outcome.Message.GetProperty("contactKey").GetString()));
        Assert.Empty(graph.Sends());
    }

    /// <summary>A fresh account whose Graph API accepts every send.</summary>
    private async Task<(string Account, GraphFake Graph)> AccountAsync()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        return (account, new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.OUT", Contact))));
    }

    /// <summary>A fresh account whose contact wrote first: the window is open.</summary>
    private async Task<(string Account, GraphFake Graph)> OpenAsync()
    {
        var opened = await AccountAsync();
        await ContactWrites.OpenWindowAsync(app, opened.Account, Contact);
        return opened;
    }

    private async Task<BusMessage> OutcomeOfAsync(string account, string path, object command, params string[] eventTypes) =>
        Assert.Single(await OutcomesOfAsync(account, path, command, 1, eventTypes));

    private async Task<List<BusMessage>> OutcomesOfAsync(string account, string path, object command, int expected, params string[] eventTypes)
    {
        await using var probe = await QueueProbe.BindAsync(eventTypes);
        await CommandPaths.SendAsync(app, path, command);
        return await probe.TakeAsync(only: BusMessage.Of(account), expected: expected);
    }
}
