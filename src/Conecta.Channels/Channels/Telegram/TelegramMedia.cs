using System.Text.RegularExpressions;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Channels.Telegram.Payloads;
using Conecta.Channels.Outbound;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>How an upload goes to Telegram: the send method, its file field, and the SendMedia kind (and voice) its file id is sent as.</summary>
internal sealed record TelegramUpload(string Method, string Field, string Kind, bool Voice = false);

/// <summary>
/// Telegram's files. Inbound: the file_id an event carries → getFile → GET {BotApiBaseUrl}/file/bot&lt;token&gt;/&lt;file_path&gt;, streamed;
/// the token stays between this service and the configured Bot API (the caller sees only /api/media/{bot}/{file_id}). Uploads: the Bot
/// API keeps no file apart from a message, so a file is posted (multipart) to the bots' media chat (<see cref="TelegramOptions.MediaChatId"/>)
/// and the file_id of that message is the media id SendMedia sends again, to any chat, without uploading twice.
/// </summary>
internal sealed partial class TelegramMedia(BotApiClient bots, BotApiFiles files, IOptions<TelegramOptions> options) : IChannelMedia
{
    public const int MaxFileIdLength = 256;

    public string? IdProblem(string mediaId) => FileId().IsMatch(mediaId)
        ? null
        : $"A Telegram file_id is letters, digits, '-' and '_' only, as Telegram gives it (at most {MaxFileIdLength}).";

    public async Task<MediaResult<HttpResponseMessage>> DownloadAsync(OutboundAccount account, string mediaId, CancellationToken cancellationToken)
    {
        var bot = BotOf(account);
        var (file, refused) = await bots.GetFileAsync(bot, mediaId, cancellationToken);
        if (refused is not null) return new(null, Refused(refused));
        if (file?.FilePath is not { } path || !IsFilePath(path))
            return new(null, new MediaRefused("Telegram answered no file path to download",
                "getFile answered no relative file_path (a file above the Bot API's 20 MB download limit, or a local Bot API server's absolute path); the token was not sent",
                ProviderCode: null, ProviderStatus: null));
        var (download, failed) = await files.DownloadAsync(bot, path, cancellationToken);
        return new(download, failed is null ? null : Refused(failed));
    }

    public async Task<MediaResult<MediaUploaded>> UploadAsync(OutboundAccount account, Stream file, string contentType, string fileName,
        CancellationToken cancellationToken)
    {
        if (options.Value.MediaChatId is not { } chat)
            return new(null, new MediaRefused("Telegram uploads need a media chat",
                "Telegram:MediaChatId is not set: the Bot API keeps a file only in a message, so uploads go to a chat (a private channel) every bot may post to.",
                ProviderCode: null, ProviderStatus: null) { Status = StatusCodes.Status501NotImplemented });
        var upload = UploadAs(contentType);
        var (sent, refused) = await files.UploadAsync(BotOf(account), upload.Method, upload.Field, chat, file, contentType, fileName, cancellationToken);
        if (refused is not null) return new(null, Refused(refused));
        return FileIdOf(sent!, upload.Kind) is { } fileId
            ? new(new MediaUploaded(fileId, upload.Kind, upload.Voice), null)
            : new(null, new MediaRefused("Telegram answered no file", $"{upload.Method} answered a message without the {upload.Field} it was sent", null, null));
    }

    /// <summary>
    /// The method a file of this type goes with, so its file_id is of the kind the type is: JPEG and PNG a photo (Telegram compresses
    /// photos), WebP a sticker (as on WhatsApp), MP4 a video, OGG a voice note (Telegram's voice notes are OGG/Opus), MP3 and M4A audio,
    /// anything else a document (sent as is, with its name).
    /// </summary>
    internal static TelegramUpload UploadAs(string contentType) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType).MediaType?.ToLowerInvariant() switch
        {
            "image/jpeg" or "image/png" => new("sendPhoto", "photo", "image"),
            "image/webp" => new("sendSticker", "sticker", "sticker"),
            "video/mp4" => new("sendVideo", "video", "video"),
            "audio/ogg" or "audio/opus" => new("sendVoice", "voice", "audio", Voice: true),
            "audio/mpeg" or "audio/mp4" or "audio/x-m4a" or "audio/aac" => new("sendAudio", "audio", "audio"),
            _ => new("sendDocument", "document", "document"),
        };

    /// <summary>The file_id of what the message carries, of the kind sent: a photo's largest size.</summary>
    internal static string? FileIdOf(MessagePayload message, string kind) => kind switch
    {
        "image" => message.Photo?.MaxBy(s => (long)(s.Width ?? 0) * (s.Height ?? 0))?.FileId,
        "sticker" => message.Sticker?.FileId,
        "video" => message.Video?.FileId,
        "audio" => (message.Voice ?? message.Audio)?.FileId,
        _ => message.Document?.FileId,
    };

    /// <summary>
    /// A file_path getFile answers is relative ("photos/file_0.jpg", "voice/file_3.oga"): segments of letters, digits, '.', '-' and '_',
    /// never "." or "..", nothing that would leave /file/bot&lt;token&gt;/ or add a query.
    /// </summary>
    internal static bool IsFilePath(string path) =>
        path.Length is > 0 and <= 512 && path.Split('/') is var segments && Array.TrueForAll(segments, s => FilePathSegment().IsMatch(s) && s is not ("." or ".."));

    private static BotAccount BotOf(OutboundAccount account) => new(account.AccountId, account.AccessToken);

    private static MediaRefused Refused(BotApiRefusal refusal) => new("Telegram refused the file request", refusal.Description,
        refusal.ErrorCode == 0 ? null : refusal.ErrorCode, refusal.ErrorCode == 0 ? null : refusal.ErrorCode);

    // Telegram's file ids are URL-safe base64.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex FileId();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex FilePathSegment();
}
