using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Channels.WhatsApp.Sandbox;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>
/// The `make run` loop: a send through POST /api/messages reaches the sandbox Graph API, and the
/// sandbox's signed statuses come back through our own webhook, correlated to the command.
/// </summary>
public sealed class SandboxLoopTests
{
    private const string SandboxNumber = "1122334455667";

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
        await using var app = new SandboxAppFactory(failWithCode: 131047);
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

    /// <summary>Development with the sandbox on; its Graph calls and webhooks go through the in-memory test server.</summary>
    private sealed class SandboxAppFactory(int? failWithCode = null) : WebApplicationFactory<Program>
    {
        private readonly string _sqlite = Path.Combine(Path.GetTempPath(), $"conecta-sandbox-{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_sqlite}");
            builder.UseSetting("WhatsApp:GraphBaseUrl", "http://localhost" + SandboxGraphApi.BasePath);
            builder.UseSetting("Sandbox:WebhookUrl", "http://localhost/webhooks/whatsapp");
            builder.UseSetting("Sandbox:StatusDelay", "00:00:00.050");
            if (failWithCode is { } code)
            {
                builder.UseSetting("Sandbox:FailWithCode", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
                builder.UseSetting("Sandbox:FailureRate", "1");
            }
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpClient<GraphClient>().ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
                services.AddHttpClient(SandboxStatuses.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_sqlite);
        }
    }
}
