using System.Text.Json.Serialization;
using Conecta.Channels.Channels.Telegram.Payloads;

namespace Conecta.Channels.Channels.Telegram.BotApi;

// Request and response bodies of the Bot API methods the service calls, as https://core.telegram.org/bots/api documents them.

/// <summary>
/// sendMessage, sendPhoto, sendVideo, sendAudio, sendVoice, sendDocument, sendSticker, sendLocation, sendVenue and sendContact: one
/// shape, the fields named by the method.
/// </summary>
internal sealed record BotSend
{
    public required long ChatId { get; init; }
    public string? Text { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    /// <summary>sendVenue's name of the place.</summary>
    public string? Title { get; init; }
    public string? Address { get; init; }
    public string? PhoneNumber { get; init; }
    public string? FirstName { get; init; }
    public BotInlineKeyboard? ReplyMarkup { get; init; }
    /// <summary>sendChatAction's action ("typing").</summary>
    public string? Action { get; init; }
    public string? Photo { get; init; }
    public string? Video { get; init; }
    public string? Audio { get; init; }
    public string? Voice { get; init; }
    public string? Document { get; init; }
    public string? Sticker { get; init; }
    public string? Caption { get; init; }
    public BotLinkPreview? LinkPreviewOptions { get; init; }
    public BotReply? ReplyParameters { get; init; }
}

internal sealed record BotLinkPreview(bool IsDisabled);

internal sealed record BotGetFile(string FileId);

/// <summary>getFile's File: <see cref="FilePath"/> is what https://api.telegram.org/file/bot&lt;token&gt;/&lt;file_path&gt; downloads (for at least an hour).</summary>
internal sealed record BotFile(string? FileId, string? FileUniqueId, long? FileSize, string? FilePath);

/// <summary>Buttons under the message, one per row; a press comes back as a callback_query carrying the button's callback_data.</summary>
internal sealed record BotInlineKeyboard(IReadOnlyList<IReadOnlyList<BotInlineButton>> InlineKeyboard);

internal sealed record BotInlineButton(string Text, string CallbackData);

/// <param name="AllowSendingWithoutReply">A reply to a message the contact deleted still goes, unquoted.</param>
internal sealed record BotReply(long MessageId, bool AllowSendingWithoutReply);

internal sealed record BotSetWebhook(string Url, string SecretToken, IReadOnlyList<string> AllowedUpdates);

/// <param name="DropPendingUpdates">False: what Telegram still holds for the bot stays there (getUpdates), nothing is thrown away.</param>
internal sealed record BotDeleteWebhook(bool DropPendingUpdates);

/// <summary>Sent as the webhook's answer: Telegram performs it, sparing a call (https://core.telegram.org/bots/api#making-requests-when-getting-updates).</summary>
internal sealed record BotWebhookReply(string Method, string CallbackQueryId);

/// <summary>Every Bot API answer: the result when ok, otherwise the error code, its description and what to do about it.</summary>
internal sealed record BotResponse<T>(bool Ok, T? Result, int? ErrorCode, string? Description, BotResponseParameters? Parameters);

internal sealed record BotResponseParameters(int? RetryAfter, long? MigrateToChatId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BotSend))]
[JsonSerializable(typeof(BotSetWebhook))]
[JsonSerializable(typeof(BotDeleteWebhook))]
[JsonSerializable(typeof(BotWebhookReply))]
[JsonSerializable(typeof(BotResponse<MessagePayload>))]
[JsonSerializable(typeof(BotResponse<bool>))]
[JsonSerializable(typeof(BotGetFile))]
[JsonSerializable(typeof(BotResponse<BotFile>))]
[JsonSerializable(typeof(BotResponse<System.Text.Json.JsonElement>))]
internal sealed partial class BotApiJsonContext : JsonSerializerContext;
