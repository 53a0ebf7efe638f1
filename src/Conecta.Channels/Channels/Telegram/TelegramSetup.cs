using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Outbound;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

internal static class TelegramSetup
{
    /// <summary>Telegram behind every seam: webhook secret, started chats (Redis, or in process), Bot API client, sender, rule, policy, registration.</summary>
    public static IHostApplicationBuilder AddTelegram(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        builder.Services.AddSingleton<TelegramWebhookSecret>();
        builder.Services.AddSingleton<TelegramInbound>();
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
            builder.Services.AddSingleton<IStartedChats, InProcessStartedChats>();
        else
            builder.Services.AddSingleton<IStartedChats, RedisStartedChats>();
        builder.Services.AddBotApiClient();
        builder.Services.AddSingleton<IOutboundChannel, TelegramOutbound>();
        builder.Services.AddSingleton<IOutboundRule, TelegramCommandRule>();
        builder.Services.AddSingleton<IChannelPolicy, TelegramPolicy>();
        builder.Services.AddSingleton<IAccountRegistration, TelegramRegistration>();
        return builder;
    }
}
