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
