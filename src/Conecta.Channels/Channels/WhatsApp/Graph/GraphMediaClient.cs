using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

/// <summary>
/// Media up and down, streamed both ways: a 100 MB document never sits whole in memory. No retry
/// pipeline here, on purpose: a streamed body cannot be sent twice, so a failure goes back to the caller.
/// </summary>
internal sealed class GraphMediaClient(HttpClient http, IOptions<WhatsAppOptions> options)
{
    /// <summary>
    /// GET /{media-id} then GET its short-lived URL (bearer and User-Agent both required by Meta), only when that URL is on
    /// one of WhatsApp:MediaOrigins: the account's token never goes to a host Graph's answer names and we did not allow.
    /// </summary>
    /// <returns>The open download (dispose it), or the refusal.</returns>
    public async Task<GraphResult<HttpResponseMessage>> DownloadAsync(GraphAccount account, string mediaId, CancellationToken cancellationToken)
    {
        using var infoRequest = GraphClient.Request(account, HttpMethod.Get, Uri.EscapeDataString(mediaId));
        using var infoResponse = await http.SendAsync(infoRequest, cancellationToken);
        if (!infoResponse.IsSuccessStatusCode) return new(null, await GraphClient.RefusalAsync(infoResponse, cancellationToken));
        var info = await infoResponse.Content.ReadFromJsonAsync(GraphJsonContext.Default.GraphMediaInfo, cancellationToken);
        if (info?.Url is null || !Uri.TryCreate(info.Url, UriKind.Absolute, out var url))
            return new(null, new GraphRefused(502, null, "No media URL", "Graph answered without a download URL",
                new GraphErrorClass(Contracts.Events.RejectionReason.ChannelError, true)));
        if (!options.Value.AllowsMediaUrl(url))
            return new(null, new GraphRefused(502, null,
                $"Graph answered a download URL on {url.GetLeftPart(UriPartial.Authority)}, which is not one of WhatsApp:MediaOrigins; the access token was not sent",
                null, new GraphErrorClass(Contracts.Events.RejectionReason.ChannelError, false)));

        using var download = new HttpRequestMessage(HttpMethod.Get, url);
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        var response = await http.SendAsync(download, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return new(response, null);
        using (response) return new(null, await GraphClient.RefusalAsync(response, cancellationToken));
    }

    /// <summary>POST /{phone-number-id}/media (multipart: file, type, messaging_product) → the media id.</summary>
    public async Task<GraphResult<GraphMediaUploaded>> UploadAsync(GraphAccount account, Stream file, string contentType,
        string fileName, CancellationToken cancellationToken)
    {
        using var request = GraphClient.Request(account, HttpMethod.Post, $"{account.PhoneNumberId}/media");
        var fileContent = new StreamContent(file);
        fileContent.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Content = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(contentType), "type" },
            { fileContent, "file", fileName },
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) return new(null, await GraphClient.RefusalAsync(response, cancellationToken));
        return new(await response.Content.ReadFromJsonAsync(GraphJsonContext.Default.GraphMediaUploaded, cancellationToken), null);
    }
}
