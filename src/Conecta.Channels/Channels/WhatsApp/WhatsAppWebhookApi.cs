using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Conecta.Channels.Hosting;

namespace Conecta.Channels.Channels.WhatsApp;

internal static class WhatsAppWebhookApi
{
    public static IEndpointRouteBuilder MapWhatsAppWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/whatsapp").WithTags("Webhooks").ExcludeFromDescription().AsWebhook();
        group.MapGet("/", Verify);
        group.MapPost("/", Receive);
        return app;
    }

    /// <summary>Meta's verification handshake: echo the challenge only to a subscribe with our token.</summary>
    internal static Results<ContentHttpResult, ForbidHttpResult, StatusCodeHttpResult> Verify(
        [FromQuery(Name = "hub.mode")] string? mode,
        [FromQuery(Name = "hub.verify_token")] string? token,
        [FromQuery(Name = "hub.challenge")] string? challenge,
        IOptions<WhatsAppOptions> options)
    {
        var expected = Encoding.UTF8.GetBytes(options.Value.VerifyToken);
        var given = Encoding.UTF8.GetBytes(token ?? "");
        if (mode != "subscribe" || string.IsNullOrEmpty(challenge) || !CryptographicOperations.FixedTimeEquals(expected, given))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        return TypedResults.Text(challenge, "text/plain");
    }

    /// <summary>Signed webhook: 200 once every event is durable, 503 otherwise (Meta retries). See <see cref="InboundPipeline"/>.</summary>
    internal static Task<IResult> Receive(HttpRequest request, InboundPipeline pipeline, WhatsAppInbound channel, CancellationToken cancellationToken) =>
        pipeline.ReceiveAsync(channel, request, accountId: null, cancellationToken);
}
