using Conecta.Channels.Sessions;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

internal static class WhatsAppSetup
{
    public static IHostApplicationBuilder AddWhatsApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WhatsAppOptions>, WhatsAppOptionsValidator>();
        builder.Services.AddSingleton<WebhookSignature>();
        builder.Services.AddSingleton<WhatsAppInbound>();
        builder.Services.AddSingleton<IChannelPolicy, WhatsAppPolicy>();
        return builder;
    }
}
