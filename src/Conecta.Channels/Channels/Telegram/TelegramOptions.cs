using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

internal sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string BotApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>
    /// This service's public HTTPS base URL, as Telegram reaches it: bots' webhooks are set to
    /// {PublicBaseUrl}/webhooks/telegram/{bot id}. Without it Telegram bots cannot be registered; WhatsApp needs none.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The chat uploads for SendMedia are posted to (a private channel or group every bot is an admin or member of): the Bot API keeps
    /// a file only in a message, and that message's file_id is then sent to contacts without uploading again. Without it, uploads to a
    /// Telegram account answer 501; media by link and by a file_id the bot already knows go out regardless.
    /// </summary>
    public long? MediaChatId { get; set; }

    /// <summary>Largest webhook body accepted. An update is one message, far below this.</summary>
    public long MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Telegram's limit per chat: about one message per second.</summary>
    public int ChatLimit { get; set; } = 1;

    public TimeSpan ChatWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Telegram's limit per group (a negative chat id): about 20 messages a minute.</summary>
    public int GroupLimit { get; set; } = 20;

    public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan BotApiAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BotApiTotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int BotApiMaxRetries { get; set; } = 3;

    /// <summary>Base of the jittered exponential backoff; Telegram's retry_after wins when it sends one.</summary>
    public TimeSpan BotApiRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry_after waited for in process; a longer one rejects the command RateLimited (retryable) at once.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BotApiBaseUrl, UriKind.Absolute, out _))
            failures.Add("Telegram:BotApiBaseUrl must be an absolute URL.");
        // Telegram posts webhooks over HTTPS only.
        if (!string.IsNullOrEmpty(options.PublicBaseUrl) &&
            (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicUrl) || publicUrl.Scheme != Uri.UriSchemeHttps))
            failures.Add("Telegram:PublicBaseUrl must be an absolute https URL (Telegram posts webhooks over HTTPS only).");
        if (options.MaxWebhookBodyBytes is < 1024 or > 64 * 1024 * 1024)
            failures.Add("Telegram:MaxWebhookBodyBytes must be between 1 KiB and 64 MiB.");
        if (options.ChatLimit < 1 || options.ChatWindow <= TimeSpan.Zero)
            failures.Add("Telegram:ChatLimit must be at least 1 and Telegram:ChatWindow positive.");
        if (options.GroupLimit < 1 || options.GroupWindow <= TimeSpan.Zero)
            failures.Add("Telegram:GroupLimit must be at least 1 and Telegram:GroupWindow positive.");
        if (options.BotApiMaxRetries is < 0 or > 10) failures.Add("Telegram:BotApiMaxRetries must be between 0 and 10.");
        if (options.BotApiAttemptTimeout <= TimeSpan.Zero || options.BotApiTotalTimeout < options.BotApiAttemptTimeout)
            failures.Add("Telegram:BotApiAttemptTimeout must be positive and not above BotApiTotalTimeout.");
        if (options.BotApiRetryDelay <= TimeSpan.Zero || options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter >= options.BotApiTotalTimeout)
            failures.Add("Telegram:BotApiRetryDelay must be positive, and Telegram:MaxRetryAfter between 0 and BotApiTotalTimeout (a longer wait could never end in time).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
