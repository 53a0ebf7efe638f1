using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Conecta.Channels.Hosting;

namespace Conecta.Channels.Channels.WhatsApp;

internal static class WhatsAppWebhookApi
{
    /// <summary>The verification handshake; the webhook itself (POST, the same path) is the shared one (<see cref="WebhooksApi"/>).</summary>
    public static IEndpointRouteBuilder MapWhatsAppHandshake(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/webhooks/whatsapp").WithTags("Webhooks").ExcludeFromDescription().AsWebhook().MapGet("/", Verify);
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
}
