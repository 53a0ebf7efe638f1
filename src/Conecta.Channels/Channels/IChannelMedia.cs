using Conecta.Channels.Outbound;

namespace Conecta.Channels.Channels;

/// <summary>The provider refused a media request, or gave no usable answer: the media proxy's problem, with the provider's own code and status.</summary>
internal sealed record MediaRefused(string Title, string? Detail, int? ProviderCode, int? ProviderStatus)
{
    /// <summary>The proxy's answer: 502 when the provider refused or answered nothing usable; 501 when this service is not set up for it.</summary>
    public int Status { get; init; } = StatusCodes.Status502BadGateway;
}

/// <summary>A media request's value, or why there is none. Exactly one is set.</summary>
internal sealed record MediaResult<T>(T? Value, MediaRefused? Refusal);

/// <summary>An uploaded file, for SendMedia's mediaId.</summary>
/// <param name="Kind">The SendMedia kind the id must be sent as, where the channel ties a file to one (Telegram: a photo's id is no
/// document's); null where any kind takes it (WhatsApp).</param>
/// <param name="Voice">The id is a voice note's (Telegram: send it with kind audio and voice true).</param>
internal sealed record MediaUploaded(string MediaId, string? Kind = null, bool? Voice = null);

/// <summary>
/// A channel's files, streamed both ways through the one media proxy (<see cref="MediaApi"/>): the inbound media ids its events
/// carry, downloaded with the account's credentials (which never reach the caller), and uploads for SendMedia. Both are streamed
/// and never retried: a body read once cannot be sent twice.
/// </summary>
internal interface IChannelMedia
{
    /// <summary>Why <paramref name="mediaId"/> cannot be one of this channel's ids, checked before any request (it becomes part of a
    /// provider path next to the account's credentials); null when it can.</summary>
    string? IdProblem(string mediaId);

    /// <returns>The open download (dispose it): its Content-Type and length are the provider's.</returns>
    Task<MediaResult<HttpResponseMessage>> DownloadAsync(OutboundAccount account, string mediaId, CancellationToken cancellationToken);

    /// <summary>A file part checked by <see cref="MediaApi.UploadProblems"/>, streamed to the provider.</summary>
    Task<MediaResult<MediaUploaded>> UploadAsync(OutboundAccount account, Stream file, string contentType, string fileName,
        CancellationToken cancellationToken);
}
