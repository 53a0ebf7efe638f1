using System.Globalization;
using System.Net.Http.Headers;
using Conecta.Channels.Channels.Telegram.Payloads;

namespace Conecta.Channels.Channels.Telegram.BotApi;

/// <summary>
/// Files down and up the Bot API, streamed both ways: no retry pipeline and no buffering here, on purpose (a streamed body cannot be
/// sent twice; a 20 MB download never sits whole in memory), so a failure goes back to the caller. No request is logged: the bot's
/// token is in every path.
/// </summary>
internal sealed class BotApiFiles(HttpClient http)
{
    /// <summary>GET /file/bot&lt;token&gt;/&lt;file_path&gt; (a path getFile answered and <see cref="TelegramMedia.IsFilePath"/> accepted).</summary>
    /// <returns>The open download (dispose it), or the refusal.</returns>
    public async Task<BotApiResult<HttpResponseMessage>> DownloadAsync(BotAccount bot, string filePath, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"./file/bot{bot.Token}/{filePath}");
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode) return new(response, null);
            using (response)
            {
                var refused = BotApiClient.ResultOf(response, await BotApiClient.ReadAsync(response, BotApiJsonContext.Default.BotResponseJsonElement,
                    cancellationToken));
                return new(null, refused.Refusal);
            }
        }
        catch (HttpRequestException e)
        {
            return BotApiClient.NoAnswer<HttpResponseMessage>(e);
        }
    }

    /// <summary>
    /// The file as multipart/form-data (the Bot API's way to post a new file): <c>chat_id</c>, and the file part named by the method's
    /// field (<c>photo</c>, <c>document</c>, <c>voice</c>, …) with its type and name.
    /// </summary>
    /// <returns>The message the file went out in (its file ids), or the refusal.</returns>
    public async Task<BotApiResult<MessagePayload>> UploadAsync(BotAccount bot, string method, string field, long chatId, Stream file, string contentType,
        string fileName, CancellationToken cancellationToken)
    {
        var part = new StreamContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"./bot{bot.Token}/{method}")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(chatId.ToString(CultureInfo.InvariantCulture)), "chat_id" },
                { part, field, fileName },
            },
        };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return BotApiClient.ResultOf(response, await BotApiClient.ReadAsync(response, BotApiJsonContext.Default.BotResponseMessagePayload, cancellationToken));
        }
        catch (HttpRequestException e)
        {
            return BotApiClient.NoAnswer<MessagePayload>(e);
        }
    }
}
