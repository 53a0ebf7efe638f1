namespace Conecta.Channels.Templates;

internal static class TemplatesSetup
{
    /// <summary>The template registry: its store and the send-time catalog (the channel that owns templates submits and syncs them).</summary>
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TemplateMetrics>();
        builder.Services.AddSingleton<TemplateStore>();
        builder.Services.AddSingleton<TemplateCatalog>();
        return builder;
    }
}
