namespace Conecta.Channels.Channels;

/// <summary>
/// Reads each provider answer whole (Graph and Bot API answers are small JSON) before the resilience
/// pipeline judges it: a connection dropped mid-body, or a success whose body is cut or garbled, fails
/// the attempt as a transport error, and so is retried like a reset.
/// </summary>
internal sealed class BufferedResponses : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            if (response.IsSuccessStatusCode && !IsJson(await response.Content.ReadAsByteArrayAsync(cancellationToken)))
                throw new HttpRequestException(HttpRequestError.InvalidResponse, "The provider answered 2xx with a body that is not JSON");
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsJson(byte[] body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
