using Conecta.Channels.Accounts;
using Conecta.Channels.Channels;
using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.Channels.WhatsApp;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Channels.WhatsApp.Sandbox;
using Conecta.Channels.DevTools;
using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using Conecta.Channels.Templates;
using Conecta.Channels.Phones;
using Conecta.Channels.Sessions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTelemetry();
builder.AddChannelBus();
builder.AddDedupStore();
builder.AddDatabase();
builder.AddInboundDelivery();
builder.AddWhatsApp();
builder.AddTelegram();
builder.AddAccounts();
builder.AddTemplates();
builder.AddAdminApi();
builder.AddRequestLimits();
builder.AddPhones();
builder.AddOutbound();
builder.AddSandbox();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAdminApiSecurity();
app.MapHealth();
app.MapWhatsAppWebhooks();
app.MapTelegramWebhooks();
app.MapPhonesApi();
app.MapDevEvents();
app.MapAccountsApi();
app.MapTemplatesApi();
app.MapMessagesApi();
app.MapCommandsApi();
app.MapConversationsApi();
app.MapMediaApi();
app.MapSandboxGraph();
app.MapAdminApiDocs();

// Resolved now: once Run returns, the container is disposed.
var watchdog = app.Services.GetRequiredService<BusWatchdog>();
app.Run();
return watchdog.Tripped.Count > 0 ? BusWatchdog.ExitCode : 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
