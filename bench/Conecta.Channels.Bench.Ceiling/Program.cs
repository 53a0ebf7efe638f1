using System.Text.Json;
using Conecta.Channels.Channels;
using Conecta.Channels.Channels.WhatsApp;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Bench.Ceiling;

/// <summary>
/// The two ceilings of <c>make bench</c>. Without arguments, the HTTP one:
/// what POST /webhooks/whatsapp could answer if accepting a webhook cost only what no
/// implementation can skip: read the exact body, check its HMAC, parse its JSON. The service's
/// own <see cref="RawBody"/> and <see cref="WebhookSignature"/> are used, so the only difference
/// to the real endpoint is the work after the parse: mapping to contracts, the Redis dedup claim,
/// the publishes with broker confirms and the dedup mark. With <c>broker …</c>, the broker's:
/// see <see cref="BrokerCeiling"/>.
/// </summary>
internal static class CeilingProgram
{
    // Not top-level statements: the service's public Program would clash with a generated one here.
    public static async Task<int> Main(string[] args)
    {
        if (args is ["broker", .. var rest]) return await BrokerCeiling.RunAsync(rest);
        await RunHttpCeilingAsync(args);
        return 0;
    }

    private static Task RunHttpCeilingAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The service's appsettings.json silences per-request hosting logs; so must the ceiling,
        // or it would measure console logging instead of webhooks.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var secret = builder.Configuration["WhatsApp:AppSecrets:0"];
        if (string.IsNullOrWhiteSpace(secret))
            throw new InvalidOperationException("Set WhatsApp__AppSecrets__0, the secret the load generator signs with.");
        var whatsApp = new WhatsAppOptions { AppSecrets = [secret] };
        var signature = new WebhookSignature(Options.Create(whatsApp));

        // "document" (default) is the honest ceiling: JsonDocument reads and validates every token
        // of the body, the least any receiver must do before it may answer 200. "mapper" also runs
        // the service's WebhookMapper (typed deserialization and the contract events), to see how
        // much of the gap is mapping rather than Redis and RabbitMQ.
        var useMapper = builder.Configuration["Ceiling:Parse"] switch
        {
            null or "" or "document" => false,
            "mapper" => true,
            var other => throw new InvalidOperationException($"Ceiling:Parse must be 'document' or 'mapper', not '{other}'."),
        };

        var app = builder.Build();
        app.MapGet("/health/ready", () => TypedResults.Ok());
        app.MapPost("/webhooks/whatsapp", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await RawBody.ReadAsync(request, whatsApp.MaxWebhookBodyBytes, cancellationToken);
            if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            if (!signature.IsValid(request.Headers[WebhookSignature.HeaderName], body))
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            try
            {
                if (useMapper)
                {
                    if (WebhookMapper.Map(body, DateTimeOffset.UtcNow).Events.Count == 0)
                        return Results.StatusCode(StatusCodes.Status422UnprocessableEntity);
                }
                else
                {
                    using var document = JsonDocument.Parse(body);
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                        return Results.StatusCode(StatusCodes.Status422UnprocessableEntity);
                }
            }
            catch (Exception e) when (e is JsonException or UnreadableWebhookException)
            {
                // A non-2xx makes the benchmark fail: the load generator built a broken body.
                return Results.StatusCode(StatusCodes.Status422UnprocessableEntity);
            }
            return Results.Ok();
        });
        return app.RunAsync();
    }
}
