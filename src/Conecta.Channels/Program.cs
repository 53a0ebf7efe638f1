using Conecta.Channels.Accounts;
using Conecta.Channels.AsyncApi;
using Conecta.Channels.Channels;
using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.Channels.WhatsApp;
using Conecta.Channels.DevTools;
using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using Conecta.Channels.Phones;
using Conecta.Channels.Preferences;
using Conecta.Channels.Sessions;
using Conecta.Channels.Templates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTelemetry();
builder.AddChannelBus();
builder.AddDedupStore();
builder.AddDatabase();
builder.AddInboundDelivery();
builder.AddAccounts();
builder.AddTemplates();
builder.AddAdminApi();
builder.AddRequestLimits();
builder.AddPhones();
builder.AddSessions();
builder.AddOutbound();
builder.AddPreferences();
// The channels: each folder registers every piece of its own.
builder.AddWhatsApp();
builder.AddTelegram();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAdminApiSecurity();
app.MapHealth();
app.MapMetrics();
app.MapWebhooks();
app.MapMediaApi();
app.MapWhatsApp();
app.MapPhonesApi();
app.MapDevEvents();
app.MapConsole();
app.MapAccountsApi();
app.MapTemplatesApi();
app.MapMessagesApi();
app.MapCommandsApi();
app.MapConversationsApi();
app.MapConversationCommandsApi();
app.MapAdminApiDocs();
app.MapAsyncApi();

// Resolved now: once Run returns, the container is disposed.
var watchdog = app.Services.GetRequiredService<BusWatchdog>();
app.Run();
return watchdog.Tripped.Count > 0 ? BusWatchdog.ExitCode : 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
