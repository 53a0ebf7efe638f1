using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>
/// The `make run` loop: a send through POST /api/messages reaches the sandbox Graph API, and the
/// sandbox's signed statuses come back through our own webhook, correlated to the command.
/// </summary>
public sealed class SandboxLoopTests
{
    private const string SandboxNumber = SandboxAppFactory.SandboxNumber;
    private const string Contact = "5531988887777";

    [Fact]
    public async Task A_send_is_accepted_and_its_sent_delivered_read_statuses_carry_the_command_id()
    {
        await using var app = new SandboxAppFactory();
        using var events = await DevEvents.OpenAsync(app.CreateClient());
        using var client = app.Client(signingKey: AdminApi.DevelopmentSigningKey);
        await OpenWindowAsync(app, events);
        var commandId = Guid.NewGuid();

        using var response = await client.PostAsJsonAsync("/api/messages",
            new { type = "text", commandId, accountId = SandboxNumber, to = "+55 31 98888-7777", text = "Olá!" });
        response.EnsureSuccessStatusCode();

        var seen = await events.TakeAsync(4, m => m.GetProperty("messageType").GetString() != "SendText");
        Assert.Equal("MessageAccepted", seen[0].GetProperty("messageType").GetString());
        Assert.Equal(["sent", "delivered", "read"], seen.Skip(1).Take(3).Select(e => e.GetProperty("message").GetProperty("status").GetString()));
        Assert.All(seen.Take(4), e => Assert.Equal(commandId, e.GetProperty("message").GetProperty("commandId").GetGuid()));
    }

    [Fact]
    public async Task The_sandbox_answers_each_new_send_type_and_posts_its_statuses_back()
    {
        await using var app = new SandboxAppFactory();
        using var events = await DevEvents.OpenAsync(app.CreateClient());
        using var client = app.Client(signingKey: AdminApi.DevelopmentSigningKey);
        await OpenWindowAsync(app, events);
        var sends = new object[]
        {
            new { type = "interactive", kind = "button", accountId = SandboxNumber, to = Contact, body = "Confirma?",
                  buttons = new[] { new { id = "sim", title = "Sim" }, new { id = "nao", title = "Não" } } },
            new { type = "interactive", kind = "location_request", accountId = SandboxNumber, to = Contact, body = "Onde você está?" },
            new { type = "reaction", accountId = SandboxNumber, to = Contact, providerMessageId = "wamid.IN", emoji = "👍" },
            new { type = "location", accountId = SandboxNumber, to = Contact, latitude = -19.9245, longitude = -43.9352, name = "Loja" },
            new { type = "contacts", accountId = SandboxNumber, to = Contact,
                  contacts = new[] { new { formattedName = "Central", phones = new[] { new { phone = "+55 31 3333-4444" } } } } },
        };
        var commandIds = new List<Guid>();

        foreach (var send in sends)
        {
            using var response = await client.PostAsJsonAsync("/api/messages", send);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            commandIds.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetGuid());
        }

        // Each: MessageAccepted, then sent, delivered and read correlated to it.
        var seen = await events.TakeAsync(4 * sends.Length, m => m.GetProperty("messageType").GetString() is "MessageAccepted" or "MessageStatusChanged" or "MessageRejected");
        var byCommand = seen.GroupBy(e => e.GetProperty("message").GetProperty("commandId").GetGuid()).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(commandIds, id =>
        {
            Assert.Contains(byCommand[id], e => e.GetProperty("messageType").GetString() == "MessageAccepted");
            Assert.Equal(["delivered", "read", "sent"], byCommand[id].Where(e => e.GetProperty("messageType").GetString() == "MessageStatusChanged")
                .Select(e => e.GetProperty("message").GetProperty("status").GetString()).Order());
        });
    }

    [Fact]
    public async Task Told_to_fail_the_sandbox_refuses_with_the_configured_code_and_the_command_is_rejected()
    {
        await using var app = new SandboxAppFactory(("Sandbox:FailWithCode", "131047"), ("Sandbox:FailureRate", "1"));
        using var events = await DevEvents.OpenAsync(app.CreateClient());
        using var client = app.Client(signingKey: AdminApi.DevelopmentSigningKey);
        await OpenWindowAsync(app, events);

        using var response = await client.PostAsJsonAsync("/api/messages",
            new { type = "text", accountId = SandboxNumber, to = "5531988887777", text = "fora da janela" });
        response.EnsureSuccessStatusCode();

        var rejected = (await events.TakeAsync(1, m => m.GetProperty("messageType").GetString() == "MessageRejected"))[0];
        Assert.Equal("WindowClosed", rejected.GetProperty("message").GetProperty("reason").GetString());
        Assert.Equal(131047, rejected.GetProperty("message").GetProperty("providerCode").GetInt32());
    }

    /// <summary>The contact writes first, so free text may go out.</summary>
    private static async Task OpenWindowAsync(SandboxAppFactory app, DevEvents events)
    {
        using var webhook = app.CreateClient();
        using var response = await SignedPosts.PostAsync(webhook, ContactWrites.InboundText(SandboxNumber, "5531988887777", "oi"), "dev-app-secret");
        response.EnsureSuccessStatusCode();
        await events.TakeAsync(1, m => m.GetProperty("messageType").GetString() == "SessionQueued");
    }
}
