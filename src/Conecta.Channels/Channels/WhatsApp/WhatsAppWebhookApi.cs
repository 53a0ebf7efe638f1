using System.Security.Cryptography;
using System.Text;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.DeadLetters;
using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

internal static partial class WhatsAppWebhookApi
{
    public static IEndpointRouteBuilder MapWhatsAppWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/whatsapp").WithTags("Webhooks").ExcludeFromDescription();
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

    internal static async Task<IResult> Receive(
        HttpRequest request,
        WebhookSignature signature,
        InboundDelivery delivery,
        InboundRouting routing,
        StatusCorrelation correlation,
        DeadLetterQueue deadLetters,
        TimeProvider clock,
        IOptions<WhatsAppOptions> options,
        ILogger<WebhookSignature> logger,
        CancellationToken cancellationToken)
    {
        var body = await RawBody.ReadAsync(request, options.Value.MaxWebhookBodyBytes, cancellationToken);
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook body too large");

        // 401 without detail: an unsigned caller learns nothing.
        if (!signature.IsValid(request.Headers[WebhookSignature.HeaderName], body))
            return TypedResults.StatusCode(StatusCodes.Status401Unauthorized);

        var receivedAt = clock.GetUtcNow();
        MappedWebhook mapped;
        try
        {
            mapped = WebhookMapper.Map(body, receivedAt);
        }
        catch (UnreadableWebhookException e)
        {
            return await deadLetters.KeepAsync(WebhookMapper.Channel, e.Message, body, receivedAt, cancellationToken)
                ? TypedResults.Ok()
                : Unavailable(request.HttpContext);
        }

        RoutedEvents routed;
        try
        {
            routed = await routing.RouteAsync(WebhookMapper.Channel, mapped.Events, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            return Unavailable(request.HttpContext);
        }

        var problems = mapped.Problems.Concat(routed.UnknownAccounts.Select(id => $"unroutable: no channel account for phone_number_id {id}")).ToList();
        if (problems.Count > 0 &&
            !await deadLetters.KeepAsync(WebhookMapper.Channel, string.Join("; ", problems), body, receivedAt, cancellationToken))
            return Unavailable(request.HttpContext);

        if (logger.IsEnabled(LogLevel.Debug)) LogMessages(logger, routed.Routable);
        var events = await correlation.CorrelateAsync(routed.Routable, cancellationToken);
        var outcome = await delivery.DeliverAsync(WebhookMapper.Channel, events, cancellationToken);
        return outcome.AllDelivered ? TypedResults.Ok() : Unavailable(request.HttpContext);
    }

    private static void LogMessages(ILogger logger, IReadOnlyList<InboundEvent> events)
    {
        // Called only when Debug is enabled, so masking every contact costs nothing otherwise.
#pragma warning disable CA1873
        foreach (var inbound in events)
            if (inbound.Message is InboundMessageReceived m)
                LogInbound(logger, m.Type, m.ProviderMessageId, Redact.Contact(m.Contact.ContactKey), m.AccountId);
#pragma warning restore CA1873
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound {Type} {ProviderMessageId} from {Contact} to account {AccountId}")]
    private static partial void LogInbound(ILogger logger, string type, string providerMessageId, string contact, string accountId);

    private static ProblemHttpResult Unavailable(HttpContext context) => WebhookResponses.Unavailable(context);
}
