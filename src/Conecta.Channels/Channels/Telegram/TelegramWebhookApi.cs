using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.DeadLetters;
using Conecta.Channels.Hosting;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

internal static partial class TelegramWebhookApi
{
    public static IEndpointRouteBuilder MapTelegramWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/webhooks/telegram").WithTags("Webhooks").ExcludeFromDescription()
            .MapPost("/{accountId}", Receive);
        return app;
    }

    /// <summary>
    /// One update, made durable before the 200 exactly like WhatsApp's webhook: claimed by its EventId, published with
    /// confirms, marked delivered. Telegram retries anything but a 2xx; a duplicate update_id publishes nothing.
    /// </summary>
    internal static async Task<IResult> Receive(
        string accountId,
        HttpRequest request,
        TelegramWebhookSecret secret,
        InboundDelivery delivery,
        InboundRouting routing,
        IStartedChats started,
        DeadLetterQueue deadLetters,
        TimeProvider clock,
        IOptions<TelegramOptions> options,
        ILogger<TelegramWebhookSecret> logger,
        CancellationToken cancellationToken)
    {
        // First and without I/O: a caller without the bot's secret learns nothing and costs nothing.
        if (!secret.IsValid(accountId, request.Headers[TelegramWebhookSecret.HeaderName]))
            return TypedResults.StatusCode(StatusCodes.Status401Unauthorized);

        var body = await RawBody.ReadAsync(request, options.Value.MaxWebhookBodyBytes, cancellationToken);
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook body too large");

        var receivedAt = clock.GetUtcNow();
        var update = TelegramUpdates.Map(body, accountId, receivedAt);
        if (update.Event is not { } mapped)
            return await KeepAsync(deadLetters, update.Unreadable!, body, receivedAt, request.HttpContext, cancellationToken);

        RoutedEvents routed;
        try
        {
            routed = await routing.RouteAsync(TelegramUpdates.Channel, [mapped], cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            return WebhookResponses.Unavailable(request.HttpContext);
        }
        // The secret is ours for this bot, so we set its webhook: the registration is still being
        // stored (setWebhook comes first, and Telegram may push queued updates at once). Telegram
        // sends it again later; a dead letter would lose it from the event stream.
        if (routed.UnknownAccounts.Count > 0) return WebhookResponses.Unavailable(request.HttpContext);

        var contacts = routed.Routable.Select(e => e.Message).OfType<InboundMessageReceived>().ToList();
        try
        {
            // Before the event is out: whoever reads it may start this contact at once.
            await started.RememberAsync(accountId, contacts.Select(m => m.Contact.ContactKey).ToList(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStartedChatsUnavailable(logger, e);
            return WebhookResponses.Unavailable(request.HttpContext);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
#pragma warning disable CA1873 // guarded by IsEnabled just above
            foreach (var m in contacts) LogInbound(logger, m.Type, m.ProviderMessageId, Redact.Contact(m.Contact.ContactKey), accountId);
#pragma warning restore CA1873
        }
        var outcome = await delivery.DeliverAsync(TelegramUpdates.Channel, routed.Routable, cancellationToken);
        if (!outcome.AllDelivered) return WebhookResponses.Unavailable(request.HttpContext);
        // Answering a button press in the webhook's reply stops the user's spinner without another call to Telegram.
        return update.CallbackQueryId is { } callback
            ? TypedResults.Json(new BotWebhookReply("answerCallbackQuery", callback), BotApiJsonContext.Default.BotWebhookReply)
            : TypedResults.Ok();
    }

    /// <summary>Signed (by the secret) but not for us to publish: kept whole and acknowledged, so it never blocks the bot's updates.</summary>
    private static async Task<IResult> KeepAsync(DeadLetterQueue deadLetters, string reason, byte[] body, DateTimeOffset receivedAt,
        HttpContext context, CancellationToken cancellationToken) =>
        await deadLetters.KeepAsync(TelegramUpdates.Channel, reason, body, receivedAt, cancellationToken)
            ? TypedResults.Ok()
            : WebhookResponses.Unavailable(context);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound {Type} {ProviderMessageId} from {Contact} to bot {AccountId}")]
    private static partial void LogInbound(ILogger logger, string type, string providerMessageId, string contact, string accountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Started-chats store unavailable; Telegram update not accepted")]
    private static partial void LogStartedChatsUnavailable(ILogger logger, Exception exception);
}
