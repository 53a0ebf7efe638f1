using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Conecta.Channels.Channels.WhatsApp;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>Builds and sends webhook POSTs the way Meta does: exact bytes, signed with the app secret.</summary>
internal static partial class SignedPosts
{
    /// <summary>
    /// A fixture addressed to one registered business number. Updates for unregistered numbers are
    /// dead-lettered, and a fresh number per test gives every event a new EventId, so a dedup key left
    /// in Redis by an earlier run cannot hide this run's events.
    /// </summary>
    public static string ForAccount(string fixtureJson, string phoneNumberId) =>
        PhoneNumberId().Replace(fixtureJson, $"\"phone_number_id\": \"{phoneNumberId}\"");

    /// <param name="expectContinue">Headers first, the body only after the server's 100 Continue (a body it refuses unread is never sent).</param>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string secret = AppFactory.AppSecret,
        bool expectContinue = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        if (expectContinue) request.Headers.ExpectContinue = true;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(secret, bytes));
        return await client.SendAsync(request);
    }

    [GeneratedRegex("\"phone_number_id\":\\s*\"[^\"]*\"")]
    private static partial Regex PhoneNumberId();
}
