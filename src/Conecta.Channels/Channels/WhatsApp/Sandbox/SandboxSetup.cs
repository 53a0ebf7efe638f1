using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

internal static class SandboxSetup
{
    public static IHostApplicationBuilder AddSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        if (!builder.Configuration.GetValue<bool>($"{SandboxOptions.Section}:{nameof(SandboxOptions.Enabled)}")) return builder;

        builder.Services.AddHttpClient(SandboxStatuses.HttpClientName);
        builder.Services.AddSingleton<SandboxStatuses>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SandboxStatuses>());
        builder.Services.AddHostedService<SandboxAccount>();
        return builder;
    }
}
