using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Channels.WhatsApp.Templates;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

internal static class SandboxSetup
{
    /// <summary>
    /// Development only: a Meta of this instance's own. Every Graph call of the service (sends, templates, media) goes to the
    /// sandbox at the address this instance listens on, and the sandbox's webhooks come back to this instance's webhook.
    /// </summary>
    public static IHostApplicationBuilder AddSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        if (!builder.Configuration.GetValue<bool>($"{SandboxOptions.Section}:{nameof(SandboxOptions.Enabled)}")) return builder;

        builder.Services.AddSingleton<SandboxSelf>();
        builder.Services.AddTransient<SandboxRouting>();
        builder.Services.AddHttpClient<GraphClient>().AddHttpMessageHandler<SandboxRouting>();
        builder.Services.AddHttpClient<GraphMediaClient>().AddHttpMessageHandler<SandboxRouting>();
        builder.Services.AddHttpClient<MetaTemplatesClient>().AddHttpMessageHandler<SandboxRouting>();
        builder.Services.AddHttpClient(SandboxWebhooks.HttpClientName);
        builder.Services.AddSingleton<SandboxWebhooks>();
        builder.Services.AddSingleton<SandboxStatuses>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SandboxStatuses>());
        builder.Services.AddSingleton<SandboxTemplates>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SandboxTemplates>());
        builder.Services.AddSingleton<SandboxMedia>();
        builder.Services.AddHostedService<SandboxAccount>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SandboxJsonContext.Default));
        return builder;
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(SimulatedMessage))]
[System.Text.Json.Serialization.JsonSerializable(typeof(SimulatedMessageSent))]
internal sealed partial class SandboxJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
