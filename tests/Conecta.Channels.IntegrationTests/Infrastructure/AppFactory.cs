using Conecta.Channels.IntegrationTests.ThirdChannel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.Server;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// The real Program, in Production, against the real RabbitMQ, Redis and PostgreSQL started by
/// `make test`. Each factory gets its own PostgreSQL database, so migrations run from empty.
/// Meta's Graph API and Telegram's Bot API, unreachable from here, are WireMock.Net servers on loopback. A third channel
/// that exists only in the tests (<see cref="RelayChannel"/>) is registered beside WhatsApp and Telegram, its API a third one.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly (string Key, string Value)[] _settings;
    private readonly TimeProvider? _clock;

    public AppFactory() => _settings = [];

    /// <summary>
    /// The same app with <paramref name="settings"/> on top (an empty value removes one) and, when given, a clock of the
    /// test's, on a broker virtual host of its own: two apps on one virtual host compete for the commands on
    /// conecta-outbound, and an app the test does not watch (or one whose start failed) must never take another's.
    /// </summary>
    internal AppFactory((string Key, string Value)[] settings, TimeProvider? clock = null)
    {
        _settings = settings;
        _clock = clock;
        RabbitMq = Servers.RabbitMqReadingOnly(".*");
    }

    /// <summary>The broker and virtual host this app uses: the test run's for the shared app, else its own.</summary>
    public string RabbitMq { get; } = Servers.RabbitMq;

    public const string AppSecret = "it-app-secret";
    public const string VerifyToken = "it-verify-token";
    public const string TokenKey = "aXQtdG9rZW4ta2V5LWNvbmVjdGEtY2hhbm5lbHMhISE=";
    public const string SigningKey = "it-signing-key-conecta-channels-integration-tests";

    /// <summary>The Graph API fake; tests reset its mappings and read its request log.</summary>
    public WireMockServer Graph { get; } = WireMockServer.Start();

    /// <summary>What the service logs, for tests that wait for a line as the marker of a decision.</summary>
    public LogLines Logs { get; } = new();

    /// <summary>The Bot API fake; each test scripts its own bot's token path.</summary>
    public WireMockServer BotApi { get; } = WireMockServer.Start();

    /// <summary>The test-only Relay channel's send API.</summary>
    public WireMockServer Relay { get; } = WireMockServer.Start();

    public const string RelayWebhookKey = "it-relay-webhook-key";

    /// <summary>Where registered bots' webhooks point (Telegram itself is never called).</summary>
    public const string PublicBaseUrl = "https://channels.conecta.test";

    /// <summary>The private channel the bots' uploads are posted to (Telegram:MediaChatId).</summary>
    public const string TelegramMediaChat = "-1001000000001";

    public string DatabaseName { get; } = "conecta_it_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The owner's connection (the migrations'); the service itself connects as the least-privileged role.</summary>
    public string PostgresConnectionString => Servers.Postgres(DatabaseName);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:RabbitMq", RabbitMq);
        builder.UseSetting("ConnectionStrings:Redis", Servers.Redis);
        builder.UseSetting("ConnectionStrings:Postgres", Servers.PostgresService(DatabaseName));
        builder.UseSetting("ConnectionStrings:PostgresMigrations", PostgresConnectionString);
        builder.UseSetting("WhatsApp:AppSecrets:0", "it-previous-secret");
        builder.UseSetting("WhatsApp:AppSecrets:1", AppSecret);
        builder.UseSetting("WhatsApp:VerifyToken", VerifyToken);
        // Short enough that the broker-outage test answers 503 quickly.
        builder.UseSetting("Inbound:PublishTimeout", "00:00:03");
        // Its own queues for the registry's event consumers: a service running beside the tests must not take their events.
        builder.UseSetting("Bus:InstanceId", DatabaseName);
        // Off for the shared app: the bus watchdog ends a process that cannot recover, and here the process is the test
        // run (its FailFast would take every test after it). BusWatchdogTests turn it on for apps of their own.
        builder.UseSetting("Bus:StuckEndpointTimeout", "00:00:00");
        builder.UseSetting("Accounts:TokenKey", TokenKey);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("WhatsApp:GraphBaseUrl", Graph.Url!);
        // Retries fast enough for tests; the shape of the policy is what is under test.
        builder.UseSetting("WhatsApp:GraphRetryDelay", "00:00:00.300");
        builder.UseSetting("WhatsApp:GraphAttemptTimeout", "00:00:02");
        builder.UseSetting("WhatsApp:GraphTotalTimeout", "00:00:10");
        // Short, so a test can see a command's retries run out (GivenUpCommandsTests).
        builder.UseSetting("Outbound:RetryIntervals:0", "00:00:00.300");
        builder.UseSetting("Outbound:RetryIntervals:1", "00:00:01");
        builder.UseSetting("Outbound:RetryIntervals:2", "00:00:02");
        builder.UseSetting("Telegram:BotApiBaseUrl", BotApi.Url!);
        builder.UseSetting("Telegram:PublicBaseUrl", PublicBaseUrl);
        // No Telegram test times an attempt out: a roomy attempt timeout keeps a loaded machine from retrying a send the fake answered.
        builder.UseSetting("Telegram:BotApiRetryDelay", "00:00:00.300");
        builder.UseSetting("Telegram:BotApiAttemptTimeout", "00:00:05");
        builder.UseSetting("Telegram:BotApiTotalTimeout", "00:00:15");
        builder.UseSetting("Telegram:MaxRetryAfter", "00:00:03");
        builder.UseSetting("Telegram:MediaChatId", TelegramMediaChat);
        builder.ConfigureServices(services => services.AddRelay(new RelaySettings(Relay.Url!, RelayWebhookKey)));
        // The media fake's downloads are on the Graph fake (plain http on loopback, which the allow-list takes).
        builder.UseSetting("WhatsApp:MediaOrigins:0", Graph.Url!);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    /// <summary>On Kestrel at 127.0.0.1 on <paramref name="ports"/> (0: one the system picks), started: what only a socket shows.</summary>
    internal static AppFactory Listening((string Key, string Value)[] settings, params int[] ports)
    {
        var app = new AppFactory(settings);
        app.UseKestrel(kestrel =>
        {
            foreach (var port in ports) kestrel.Listen(System.Net.IPAddress.Loopback, port);
        });
        app.StartServer();
        return app;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Graph.Stop();
        BotApi.Stop();
        Relay.Stop();
    }
}

/// <summary>The embedded default of `make run`: no servers, in-memory bus, in-process dedup, SQLite.</summary>
public sealed class EmbeddedAppFactory : WebApplicationFactory<Program>
{
    public string SqlitePath { get; } = Path.Combine(Path.GetTempPath(), $"conecta-it-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // The in-memory bus's endpoints cannot get stuck, and a FailFast here would end the test run.
        builder.UseSetting("Bus:StuckEndpointTimeout", "00:00:00");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={SqlitePath}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(SqlitePath);
    }
}
