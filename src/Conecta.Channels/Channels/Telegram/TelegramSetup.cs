using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.Telegram.BotApi;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

internal static class TelegramSetup
{
    /// <summary>
    /// Telegram, every piece of it: the channel and its webhook (POST /webhooks/telegram/{bot id}, the bot's secret token), the
    /// started chats (Redis, or in process), the Bot API client, and the bot registration (setWebhook, deleteWebhook).
    /// </summary>
    public static IHostApplicationBuilder AddTelegram(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        builder.Services.AddSingleton<TelegramWebhookSecret>();
        builder.Services.AddChannel<TelegramChannel, TelegramInbound>(TelegramChannel.Profile, "/telegram/{accountId}");
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
            builder.Services.AddSingleton<IStartedChats, InProcessStartedChats>();
        else
            builder.Services.AddSingleton<IStartedChats, RedisStartedChats>();
        builder.Services.AddBotApiClient();
        builder.Services.AddSingleton<TelegramMedia>();
        builder.Services.AddSingleton<IAccountRegistration, TelegramRegistration>();
        return builder;
    }
}
