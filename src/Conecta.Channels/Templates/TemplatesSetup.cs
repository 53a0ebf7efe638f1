using Microsoft.Extensions.Http.Resilience;

namespace Conecta.Channels.Templates;

internal static class TemplatesSetup
{
    /// <summary>The template registry: store, Meta client, sync (on demand and periodic), the send-time catalog.</summary>
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TemplatesOptions>().BindConfiguration(TemplatesOptions.Section)
            .Validate(o => o.IsValid(), "Templates: SyncInterval must not be negative; SyncPageSize between 1 and 1000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TemplateStore>();
        builder.Services.AddSingleton<ITemplateCatalog, TemplateCatalog>();
        builder.Services.AddTransient<TemplateSync>();
        builder.Services.AddHostedService<TemplateSyncService>();
        // A create or delete retried after a timeout could act twice in Meta: only reads are retried.
        builder.Services.AddHttpClient<MetaTemplatesClient>().AddStandardResilienceHandler(DisableRetriesOfWrites);
        return builder;
    }

    private static void DisableRetriesOfWrites(HttpStandardResilienceOptions options) => options.Retry.DisableForUnsafeHttpMethods();
}
