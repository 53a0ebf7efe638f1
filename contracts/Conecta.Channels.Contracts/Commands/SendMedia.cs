namespace Conecta.Channels.Contracts.Commands;

/// <summary>Send an image, audio, video, document or sticker, by public HTTPS link or by an uploaded media id.</summary>
/// <param name="Kind">image, audio, video, document or sticker.</param>
/// <param name="Link">Public HTTPS URL of the file; exactly one of <paramref name="Link"/> and <paramref name="MediaId"/>.</param>
/// <param name="MediaId">Id returned by a media upload.</param>
/// <param name="Caption">Image, video and document only.</param>
/// <param name="FileName">Document only.</param>
/// <param name="CallbackData">Echoed in the message's statuses (at most 512 characters); the CommandId when absent.</param>
/// <param name="Voice">Audio only: send it as a voice note (OGG/Opus; WhatsApp audio with voice true, Telegram sendVoice), not as a music file.</param>
public sealed record SendMedia(
    Guid CommandId,
    string AccountId,
    string To,
    string Kind,
    string? Link = null,
    string? MediaId = null,
    string? Caption = null,
    string? FileName = null,
    string? ReplyTo = null,
    DateTimeOffset? NotAfter = null,
    string? CallbackData = null,
    bool Voice = false);
