using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Outbound;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

/// <summary>WhatsApp's files: media ids are Meta's digits, downloaded from Graph's short-lived URLs and uploaded to /{phone-number-id}/media.</summary>
internal sealed class WhatsAppMedia(GraphMediaClient media, IOptions<WhatsAppOptions> options) : IChannelMedia
{
    public const int MaxMediaIdLength = 64;

    public string? IdProblem(string mediaId) =>
        mediaId.Length is 0 or > MaxMediaIdLength || !mediaId.All(char.IsAsciiDigit)
            ? $"A media id is digits only, as Meta gives it (at most {MaxMediaIdLength})."
            : null;

    public async Task<MediaResult<HttpResponseMessage>> DownloadAsync(OutboundAccount account, string mediaId, CancellationToken cancellationToken)
    {
        var (download, refusal) = await media.DownloadAsync(GraphAccount.Of(account, options.Value), mediaId, cancellationToken);
        return new(download, Refused(refusal));
    }

    public async Task<MediaResult<MediaUploaded>> UploadAsync(OutboundAccount account, Stream file, string contentType, string fileName,
        CancellationToken cancellationToken)
    {
        var (uploaded, refusal) = await media.UploadAsync(GraphAccount.Of(account, options.Value), file, contentType, fileName, cancellationToken);
        return new(uploaded is null ? null : new MediaUploaded(uploaded.Id), Refused(refusal));
    }

    private static MediaRefused? Refused(GraphRefused? refusal) =>
        refusal is null ? null : new MediaRefused("Meta refused the media request", refusal.Title, refusal.Code, refusal.HttpStatus);
}
