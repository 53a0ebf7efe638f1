using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Channels.WhatsApp.Sandbox;
using Conecta.Channels.Channels.WhatsApp.Templates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// `make run`'s configuration (Development, in-memory bus, in-process stores, SQLite, the sandbox on) in the in-memory test
/// server. The in-memory server lists no address, so the sandbox reaches itself at http://localhost: its Graph calls and its
/// webhooks go through the test server's handler. <see cref="Listening"/> runs it on Kestrel instead, on a port the system picks.
/// </summary>
public sealed class SandboxAppFactory(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    private bool _kestrel;

    /// <summary>On Kestrel at 127.0.0.1 and a port the system picks, started; its clients and its sandbox use that address.</summary>
    public static SandboxAppFactory Listening()
    {
        var app = new SandboxAppFactory { _kestrel = true };
        app.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    public const string SandboxNumber = "1122334455667";
    public const string AppSecret = "dev-app-secret";

    private readonly string _sqlite = Path.Combine(Path.GetTempPath(), $"conecta-sandbox-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_sqlite}");
        builder.UseSetting("Bus:StuckEndpointTimeout", "00:00:00");
        builder.UseSetting("Sandbox:StatusDelay", "00:00:00.050");
        builder.UseSetting("Sandbox:TemplateReviewDelay", "00:00:00.500");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (_kestrel) return;
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient<GraphClient>().ConfigurePrimaryHttpMessageHandler(() => new TestServerHandler(() => Server.CreateHandler()));
            services.AddHttpClient<GraphMediaClient>().ConfigurePrimaryHttpMessageHandler(() => new TestServerHandler(() => Server.CreateHandler()));
            services.AddHttpClient<MetaTemplatesClient>().ConfigurePrimaryHttpMessageHandler(() => new TestServerHandler(() => Server.CreateHandler()));
            services.AddHttpClient(SandboxWebhooks.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new TestServerHandler(() => Server.CreateHandler()));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_sqlite);
    }
}

/// <summary>
/// The test server's handler, taken at the first request: the channels build their clients while the server starts, and
/// asking for <see cref="WebApplicationFactory{TEntryPoint}.Server"/> then would start another server.
/// </summary>
internal sealed class TestServerHandler(Func<HttpMessageHandler> server) : HttpMessageHandler
{
    private readonly Lazy<HttpMessageInvoker> _server = new(() => new HttpMessageInvoker(server()));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _server.Value.SendAsync(request, cancellationToken);
}
