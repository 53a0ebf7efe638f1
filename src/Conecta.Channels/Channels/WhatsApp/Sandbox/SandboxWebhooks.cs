using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>Posts webhooks to this instance's own WhatsApp webhook as Meta does: the exact bytes, signed with the app secret.</summary>
internal sealed class SandboxWebhooks(IHttpClientFactory httpClients, SandboxSelf self, IOptions<WhatsAppOptions> whatsApp)
{
    public const string HttpClientName = "sandbox-webhooks";

    /// <returns>The webhook's HTTP status (200 once the service holds it durably).</returns>
    public async Task<int> PostAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, self.WebhookUrl) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(whatsApp.Value.AppSecrets[0], bytes));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Meta's envelope around one change of one WhatsApp Business Account.</summary>
    /// <param name="time">entry.time, which management changes (templates, account) carry.</param>
    public static JsonObject Envelope(string wabaId, string field, JsonObject value, DateTimeOffset? time = null)
    {
        var entry = new JsonObject { ["id"] = wabaId };
        if (time is { } at) entry["time"] = at.ToUnixTimeSeconds();
        entry["changes"] = new JsonArray(new JsonObject { ["field"] = field, ["value"] = value });
        return new JsonObject { ["object"] = "whatsapp_business_account", ["entry"] = new JsonArray(entry) };
    }

    /// <summary>The value of a "messages" change: messaging_product and the business number's metadata, then <paramref name="items"/>.</summary>
    public static JsonObject MessagesValue(string phoneNumberId, string displayNumber, params (string Name, JsonNode Items)[] items)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = displayNumber, ["phone_number_id"] = phoneNumberId },
        };
        foreach (var (name, node) in items) value[name] = node;
        return value;
    }

    public static string UnixTime(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
