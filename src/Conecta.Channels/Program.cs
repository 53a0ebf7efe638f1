using Conecta.Channels.Accounts;
using Conecta.Channels.Channels;
using Conecta.Channels.Channels.WhatsApp;
using Conecta.Channels.DevTools;
using Conecta.Channels.Hosting;
using Conecta.Channels.Phones;
using Conecta.Channels.Templates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTelemetry();
builder.AddChannelBus();
builder.AddDedupStore();
builder.AddDatabase();
builder.AddInboundDelivery();
builder.AddWhatsApp();
builder.AddPhones();
builder.AddAccounts();
builder.AddTemplates();
builder.AddAdminApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealth();
app.MapWhatsAppWebhooks();
app.MapPhonesApi();
app.MapDevEvents();
app.MapAccountsApi();
app.MapTemplatesApi();
app.MapAdminApiDocs();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
