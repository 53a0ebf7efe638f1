using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

internal sealed record SandboxSend(string PhoneNumberId, string MessageId, string Recipient, string? CallbackData);

/// <summary>Posts sent, delivered and read for each sandbox send to our own webhook, signed as Meta signs.</summary>
internal sealed partial class SandboxStatuses(
    SandboxWebhooks webhooks,
    IOptions<SandboxOptions> options,
    TimeProvider clock,
    ILogger<SandboxStatuses> logger) : BackgroundService
{
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
                var answered = await webhooks.PostAsync(Webhook(send, status, clock.GetUtcNow()), cancellationToken);
                if (answered != StatusCodes.Status200OK) LogStatusNotPosted(logger, send.MessageId, $"the webhook answered {answered}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            LogStatusNotPosted(logger, send.MessageId, e.Message);
        }
    }

    internal static JsonObject Webhook(SandboxSend send, string status, DateTimeOffset at)
    {
        var statusJson = new JsonObject
        {
            ["id"] = send.MessageId,
            ["status"] = status,
            ["timestamp"] = SandboxWebhooks.UnixTime(at),
            ["recipient_id"] = send.Recipient,
            ["pricing"] = new JsonObject { ["billable"] = false, ["pricing_model"] = "PMP", ["category"] = "service", ["type"] = "free_customer_service" },
        };
        if (send.CallbackData is not null) statusJson["biz_opaque_callback_data"] = send.CallbackData;
        return SandboxWebhooks.Envelope(SandboxAccount.BusinessAccountId, "messages",
            SandboxWebhooks.MessagesValue(send.PhoneNumberId, SandboxAccount.DisplayNumber, ("statuses", new JsonArray(statusJson))));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox status for {MessageId} not posted: {Reason}")]
    private static partial void LogStatusNotPosted(ILogger logger, string messageId, string reason);
}
