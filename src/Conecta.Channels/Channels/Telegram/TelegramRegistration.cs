using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Events;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// Registering a bot points its webhook here: setWebhook with {PublicBaseUrl}/webhooks/telegram/{bot id} and the bot's
/// secret token. Both are derived from the bot id, so calling it again (a retried registration) changes nothing.
/// </summary>
internal sealed class TelegramRegistration(BotApiClient bots, TelegramWebhookSecret secret, IOptions<TelegramOptions> options)
    : IAccountRegistration
{
    /// <summary>The updates mapped to events; my_chat_member tells when a user blocks or restarts the bot.</summary>
    public static readonly IReadOnlyList<string> AllowedUpdates = ["message", "edited_message", "callback_query", "my_chat_member"];

    public string Channel => TelegramUpdates.Channel;

    public async Task<RegistrationRefusal?> RegisterAsync(ChannelAccountInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.PublicBaseUrl))
            return new RegistrationRefusal(StatusCodes.Status503ServiceUnavailable, "Telegram is not configured",
                "Telegram:PublicBaseUrl is not set: the service cannot tell Telegram where to post the bot's updates.");
        var botId = input.ProviderAccountId!;
        var webhook = new BotSetWebhook(WebhookUrl(options.Value.PublicBaseUrl, botId), secret.For(botId), AllowedUpdates);
        var result = await bots.SetWebhookAsync(new BotAccount(botId, input.AccessToken!), webhook, cancellationToken);
        return result.Refusal switch
        {
            null => null,
            { Class.Retryable: true } refusal => Unreachable(refusal),
            var refusal => new RegistrationRefusal(StatusCodes.Status422UnprocessableEntity, "Telegram refused the webhook",
                $"{refusal.ErrorCode}: {refusal.Description}"),
        };
    }

    /// <summary>
    /// deleteWebhook, keeping what Telegram still holds for the bot. A token Telegram no longer accepts (401, 404) is a bot
    /// whose updates nobody can ask for with it any more: nothing to undo, so the account is disabled all the same.
    /// </summary>
    public async Task<RegistrationRefusal?> UnregisterAsync(string providerAccountId, string accessToken, CancellationToken cancellationToken)
    {
        var result = await bots.DeleteWebhookAsync(new BotAccount(providerAccountId, accessToken), cancellationToken);
        return result.Refusal switch
        {
            null or { Class.Reason: RejectionReason.NotAuthorized } => null,
            { Class.Retryable: true } refusal => Unreachable(refusal),
            var refusal => new RegistrationRefusal(StatusCodes.Status422UnprocessableEntity, "Telegram refused to delete the webhook",
                $"{refusal.ErrorCode}: {refusal.Description}"),
        };
    }

    private static RegistrationRefusal Unreachable(BotApiRefusal refusal) =>
        new(StatusCodes.Status502BadGateway, "Telegram did not take the change",
            $"Telegram is unreachable or failing; try again. ({refusal.ErrorCode}: {refusal.Description})");

    public static string WebhookUrl(string publicBaseUrl, string botId) => $"{publicBaseUrl.TrimEnd('/')}/webhooks/telegram/{botId}";
}
