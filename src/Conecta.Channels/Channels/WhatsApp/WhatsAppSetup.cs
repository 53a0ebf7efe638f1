using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Channels.WhatsApp.Sandbox;
using Conecta.Channels.Channels.WhatsApp.Templates;
using Conecta.Channels.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

internal static class WhatsAppSetup
{
    /// <summary>
    /// WhatsApp, every piece of it: the channel and its webhook (POST /webhooks/whatsapp, Meta's signature), the Graph clients
    /// (messages, media), the template client, sync and approval rule, the development secrets in the banner, and in
    /// Development the sandbox that stands where Meta stands (last: it reroutes the clients registered before it).
    /// </summary>
    public static IHostApplicationBuilder AddWhatsApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WhatsAppOptions>, WhatsAppOptionsValidator>();
        builder.Services.AddSingleton<WebhookSignature>();
        builder.Services.AddChannel<WhatsAppChannel, WhatsAppInbound>(WhatsAppChannel.Profile, "/whatsapp");
        builder.Services.AddGraphClient();
        builder.Services.AddSingleton<WhatsAppMedia>();
        AddTemplates(builder.Services);
        builder.Services.AddOptions<DevelopmentBannerOptions>().Configure<IOptions<WhatsAppOptions>>((banner, whatsApp) =>
            banner.Secrets.Add($"WhatsApp verify token '{whatsApp.Value.VerifyToken}', app secret '{string.Join(", ", whatsApp.Value.AppSecrets)}'"));
        builder.AddSandbox();
        return builder;
    }

    /// <summary>Meta's handshake, the template writes (submit, delete, sync) and, in Development, the sandbox's Graph API.</summary>
    public static IEndpointRouteBuilder MapWhatsApp(this IEndpointRouteBuilder app) =>
        app.MapWhatsAppHandshake().MapWhatsAppTemplatesApi().MapSandboxGraph();

    /// <summary>Templates belong to a WhatsApp Business Account and Meta reviews them: its client, the sync (on demand and periodic) and the send-time rule.</summary>
    private static void AddTemplates(IServiceCollection services)
    {
        services.AddOptions<TemplatesOptions>().BindConfiguration(TemplatesOptions.Section)
            .Validate(o => o.IsValid(), "Templates: SyncInterval must not be negative; SyncPageSize between 1 and 1000.")
            .ValidateOnStart();
        services.AddSingleton<TemplateApprovalRule>();
        services.AddTransient<TemplateSync>();
        services.AddHostedService<TemplateSyncService>();
        // A create or delete retried after a timeout could act twice in Meta: only reads are retried.
        var templates = services.AddHttpClient<MetaTemplatesClient>().RedactLoggedHeaders(_ => true);
        templates.AddStandardResilienceHandler(DisableRetriesOfWrites);
        templates.AddProviderLatency(WebhookMapper.Channel);
    }

    private static void DisableRetriesOfWrites(HttpStandardResilienceOptions options) => options.Retry.DisableForUnsafeHttpMethods();
}
