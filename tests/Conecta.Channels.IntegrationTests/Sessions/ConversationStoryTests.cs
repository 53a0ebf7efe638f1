using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.Channels.WhatsApp.Sandbox;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.IntegrationTests.Templates;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>
/// The README's walkthrough over HTTP on real RabbitMQ, Redis and PostgreSQL, Meta in WireMock: the webhooks Meta would
/// send (the template's approval, the contact's reply, the statuses) are posted signed through the real webhook.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ConversationStoryTests(AppFactory app)
{
    private const string Contact = "5531988887777";
    private static readonly string[] Events =
        ["ActiveContactStarted", "TypingUnlocked", "SessionQueued", "SessionClosed", "MessageAccepted", "MessageRejected", "MessageStatusChanged"];
    private static readonly string[][] BodySample = [["Maria"]];
    private static readonly string[] Statuses = ["sent", "delivered", "read"];

    [Fact]
    public async Task The_active_contact_story_from_template_to_end_over_http()
    {
        using var client = app.Client();
        var waba = AdminApi.UniqueDigits();
        var registered = await AdminApi.CreateAccountAsync(client, AdminApi.WhatsAppAccount(waba));
        var account = registered.GetProperty("providerAccountId").GetString()!;
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.STORY." + account, Contact)));
        var metaTemplateId = AdminApi.UniqueDigits();
        new MetaStub(app.Graph, waba).Answer("POST", 200, $$"""{"id":"{{metaTemplateId}}","status":"PENDING","category":"UTILITY"}""");
        await using var probe = await QueueProbe.BindAsync(Events);
        var conversation = $"/api/conversations/{account}/{Contact}";

        // The template: created PENDING, approved by Meta's signed status webhook.
        using var created = await client.PostAsJsonAsync("/api/templates", new
        {
            accountId = registered.GetProperty("id").GetGuid(), name = "retomar_contato", language = "pt_BR", category = "UTILITY",
            components = new[] { new { type = "BODY", text = "Olá {{1}}, podemos retomar seu atendimento?", example = new { bodyText = BodySample } } },
        });
        var template = created.Headers.Location!.ToString();
        var pending = await AdminApi.ReadJsonAsync(created);
        await PostWebhookAsync(client, Fixtures.Read("whatsapp/templates/pywa-template-status-update-approved.json")
            .Replace("102290129340398", waba, StringComparison.Ordinal).Replace("1689556908129832", metaTemplateId, StringComparison.Ordinal)
            .Replace("order_confirmation", "retomar_contato", StringComparison.Ordinal).Replace("en_US", "pt_BR", StringComparison.Ordinal));
        var approved = await Eventually.GetAsync(() => client.GetFromJsonAsync<JsonElement>(template), t => t.GetProperty("status").GetString() == "APPROVED");

        // The active contact: the template goes out, typing locked.
        var start = await PostAsync(client, $"{conversation}/start", new
        {
            agentId = "ana", team = "vendas", templateName = "retomar_contato", language = "pt_BR",
            components = new[] { new { type = "body", parameters = new[] { new { type = "text", text = "Maria" } } } },
        });
        var started = await probe.TakeAsync(only: BusMessage.Of(account), expected: 2);
        var awaiting = await Eventually.ReadAsync(client, conversation, c => c.GetProperty("state").GetString() == "AwaitingReply");
        var early = await PostAsync(client, "/api/messages", new { type = "text", accountId = account, to = Contact, text = "Oi, tudo bem?" });
        var locked = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        var earlyOutcome = await Eventually.ReadAsync(client, $"/api/commands/{early}", c => c.GetProperty("outcome").GetString() == "rejected");

        // The contact replies: typing unlocked, queued to the team of the start.
        await PostWebhookAsync(client, ContactWrites.InboundText(account, Contact, "Sim, pode falar"));
        var replied = await probe.TakeAsync(only: BusMessage.Of(account), expected: 2);
        var open = await Eventually.ReadAsync(client, conversation, c => c.GetProperty("state").GetString() == "Open");

        // Free text goes out; Meta's statuses come back signed, correlated by the command id they carry.
        var text = await PostAsync(client, "/api/messages", new { type = "text", accountId = account, to = Contact, text = "Oi Maria, sou a Ana." });
        var accepted = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1, settle: TimeSpan.Zero));
        var wamid = accepted.Message.GetProperty("providerMessageId").GetString()!;
        foreach (var status in Statuses)
            await PostWebhookAsync(client, SandboxStatuses.Webhook(new SandboxSend(account, wamid, Contact, text.ToString()), status, DateTimeOffset.UtcNow).ToJsonString());
        var read = await Eventually.ReadAsync(client, $"/api/commands/{text}", c => c.GetProperty("status").GetString() == "read");

        // A join notice, then the end once the notice's outcome is in: two commands published back to back may be worked in
        // either order in the default topology (docs/scaling.md, "Strict order needs a prefetch of 1").
        var notice = await PostAsync(client, $"{conversation}/notices", new { agentName = "Bruno", joined = true });
        var noticed = await probe.TakeAsync(only: m => BusMessage.Of(account)(m) && m.MessageType != "MessageStatusChanged", expected: 1);
        var end = await PostAsync(client, $"{conversation}/end", new { });
        var last = noticed.Concat(await probe.TakeAsync(only: m => BusMessage.Of(account)(m) && m.MessageType != "MessageStatusChanged", expected: 1)).ToList();
        var closed = await Eventually.ReadAsync(client, conversation, c => c.GetProperty("state").GetString() == "Closed");

        Assert.Equal(("PENDING", "APPROVED"), (pending.GetProperty("status").GetString(), approved.GetProperty("status").GetString()));
        Assert.Equal(["ActiveContactStarted", "MessageAccepted"], started.Select(m => m.MessageType).Order());
        Assert.All(started, m => Assert.Equal(start, m.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal((true, "ana", "vendas"), (awaiting.GetProperty("typingLocked").GetBoolean(), awaiting.GetProperty("agentId").GetString(),
            awaiting.GetProperty("team").GetString()));
        Assert.Equal(("MessageRejected", "TypingLocked"), (locked.MessageType, locked.Message.GetProperty("reason").GetString()));
        Assert.Equal("TypingLocked", earlyOutcome.GetProperty("reason").GetString());
        Assert.Equal(["TypingUnlocked", "SessionQueued"], replied.Select(m => m.MessageType));
        Assert.Equal(("vendas", "Sim, pode falar"), (replied[1].Message.GetProperty("team").GetString(), replied[1].Message.GetProperty("firstMessageText").GetString()));
        Assert.Equal((false, true, "vendas"), (open.GetProperty("typingLocked").GetBoolean(), open.GetProperty("queued").GetBoolean(), open.GetProperty("team").GetString()));
        Assert.Equal(("MessageAccepted", text), (accepted.MessageType, accepted.Message.GetProperty("commandId").GetGuid()));
        Assert.Equal(("accepted", wamid), (read.GetProperty("outcome").GetString(), read.GetProperty("providerMessageId").GetString()));
        Assert.Equal([("MessageAccepted", notice), ("SessionClosed", end)],
            last.Select(m => (m.MessageType, m.Message.GetProperty("commandId").GetGuid())));
        Assert.Equal(end, closed.GetProperty("closedByCommandId").GetGuid());
        Assert.Equal(["template", "text", "text"], graph.Sends().Select(s => s.GetProperty("type").GetString()));
        Assert.Equal("Bruno entrou na conversa.", graph.Sends()[2].GetProperty("text").GetProperty("body").GetString());
    }

    private static async Task<Guid> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetGuid();
    }

    private static async Task PostWebhookAsync(HttpClient client, string body)
    {
        using var response = await SignedPosts.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
