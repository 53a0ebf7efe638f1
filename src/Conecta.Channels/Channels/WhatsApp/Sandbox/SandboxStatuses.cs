using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

internal sealed record SandboxSend(string PhoneNumberId, string MessageId, string Recipient, string? CallbackData);

/// <summary>Posts sent, delivered and read for each sandbox send to our own webhook, signed as Meta signs.</summary>
internal sealed partial class SandboxStatuses(
    IHttpClientFactory httpClients,
    IOptions<SandboxOptions> options,
    IOptions<WhatsAppOptions> whatsApp,
    TimeProvider clock,
    ILogger<SandboxStatuses> logger) : BackgroundService
{
    public const string HttpClientName = "sandbox-webhooks";
    private static readonly string[] Progress = ["sent", "delivered", "read"];
    private readonly Channel<SandboxSend> _sends = Channel.CreateBounded<SandboxSend>(10_000);

    public void Schedule(SandboxSend send) => _sends.Writer.TryWrite(send);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var send in _sends.Reader.ReadAllAsync(stoppingToken))
            _ = ReportAsync(send, stoppingToken);
    }

    private async Task ReportAsync(SandboxSend send, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var status in Progress)
            {
                await Task.Delay(options.Value.StatusDelay, clock, cancellationToken);
                await PostAsync(Webhook(send, status, clock.GetUtcNow()), cancellationToken);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            LogStatusNotPosted(logger, send.MessageId, e.Message);
        }
    }

    private async Task PostAsync(string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.WebhookUrl) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(whatsApp.Value.AppSecrets[0], bytes));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    internal static string Webhook(SandboxSend send, string status, DateTimeOffset at)
    {
        var statusJson = new JsonObject
        {
            ["id"] = send.MessageId,
            ["status"] = status,
            ["timestamp"] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["recipient_id"] = send.Recipient,
            ["pricing"] = new JsonObject { ["billable"] = false, ["pricing_model"] = "PMP", ["category"] = "service", ["type"] = "free_customer_service" },
        };
        if (send.CallbackData is not null) statusJson["biz_opaque_callback_data"] = send.CallbackData;
        var payload = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "sandbox-waba",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "messages",
                    ["value"] = new JsonObject
                    {
                        ["messaging_product"] = "whatsapp",
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "5531300000000", ["phone_number_id"] = send.PhoneNumberId },
                        ["statuses"] = new JsonArray(statusJson),
                    },
                }),
            }),
        };
        return payload.ToJsonString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox status for {MessageId} not posted: {Reason}")]
    private static partial void LogStatusNotPosted(ILogger logger, string messageId, string reason);
}
