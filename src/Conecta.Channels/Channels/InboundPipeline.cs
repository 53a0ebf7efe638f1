using Conecta.Channels.Contracts.Events;
using Conecta.Channels.DeadLetters;
using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Channels;

/// <summary>
/// Every channel's webhook, one way: the channel verifies → the body is read → the channel maps → the events are
/// routed to their accounts → what cannot be read or routed is kept as a dead letter → statuses get their CommandId →
/// the events are delivered durably (with the contacts' sessions) → 200. Anything that keeps an event from being
/// durable answers 503, so the provider sends the webhook again; a signed body that cannot be understood never blocks
/// the stream.
/// </summary>
internal sealed partial class InboundPipeline(
    InboundRouting routing,
    DeadLetterQueue deadLetters,
    StatusCorrelation correlation,
    InboundDelivery delivery,
    InboundMetrics metrics,
    TimeProvider clock,
    ILogger<InboundPipeline> logger)
{
    /// <remarks>Every answer is counted by its outcome (<see cref="Answer"/>).</remarks>
    public async Task<IResult> ReceiveAsync(IInboundChannel channel, HttpRequest request, string? accountId, CancellationToken cancellationToken)
    {
        var info = channel.Info;
        // 401 without detail: an unsigned caller learns nothing.
        var verdict = channel.Verify(request, accountId, [], bodyRead: false);
        if (verdict == WebhookVerdict.Forged) return Answer(info, WebhookOutcome.Forged, Forged());

        var body = await RawBody.ReadAsync(request, info.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            // The rest of the body is still on its way, and Kestrel would drain it after a keep-alive answer, past its
            // 1 MiB limit, then drop the connection: a client that reused it meanwhile got no answer to its next request.
            request.HttpContext.Response.Headers.Connection = "close";
            return Answer(info, WebhookOutcome.TooLarge, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook body too large"));
        }
        if (verdict == WebhookVerdict.NeedsBody && channel.Verify(request, accountId, body, bodyRead: true) != WebhookVerdict.Authentic)
            return Answer(info, WebhookOutcome.Forged, Forged());

        var receivedAt = clock.GetUtcNow();
        var batch = channel.Map(body, accountId, receivedAt);

        RoutedEvents routed;
        try
        {
            routed = await routing.RouteAsync(info.Channel, batch.Events, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            return Unavailable(request, info, WebhookOutcome.AccountsUnavailable);
        }
        if (routed.UnknownAccounts.Count > 0 && info.UnknownAccounts == UnknownAccountHandling.RetryLater)
            return Unavailable(request, info, WebhookOutcome.UnknownAccount);

        if (batch.Problems.Count > 0 || routed.UnknownAccounts.Count > 0)
        {
            var problems = batch.Problems
                .Concat(routed.UnknownAccounts.Select(id => $"unroutable: no channel account for {info.AccountIdName} {id}"));
            if (!await deadLetters.KeepAsync(info.Channel, string.Join("; ", problems), body, receivedAt, cancellationToken))
                return Unavailable(request, info, WebhookOutcome.DeadLetterStoreUnavailable);
            metrics.DeadLettered(info.Channel, batch.Problems.Count > 0 ? DeadLetterKind.Unreadable : DeadLetterKind.Unroutable);
        }

        var events = await correlation.CorrelateAsync(routed.Routable, cancellationToken);
        var contacts = events.Select(e => e.Message).OfType<InboundMessageReceived>().ToList();
        if (logger.IsEnabled(LogLevel.Debug)) LogMessages(logger, contacts);
        try
        {
            // Before the events are out: whoever reads them may act on the contact at once.
            await channel.BeforeDeliveryAsync(contacts, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogChannelStoreUnavailable(logger, info.Channel, e);
            return Unavailable(request, info, WebhookOutcome.ChannelStoreUnavailable);
        }

        var outcome = await delivery.DeliverAsync(info.Channel, events, cancellationToken);
        if (!outcome.AllDelivered) return Unavailable(request, info, WebhookOutcome.NotDurable);
        return Answer(info, WebhookOutcome.Accepted, batch.Reply ?? TypedResults.Ok());
    }

    private IResult Answer(InboundChannelInfo info, WebhookOutcome outcome, IResult result)
    {
        metrics.Webhook(info.Channel, outcome);
        return result;
    }

    private IResult Unavailable(HttpRequest request, InboundChannelInfo info, WebhookOutcome why) =>
        Answer(info, why, WebhookResponses.Unavailable(request.HttpContext));

    private static StatusCodeHttpResult Forged() => TypedResults.StatusCode(StatusCodes.Status401Unauthorized);

    private static void LogMessages(ILogger logger, IReadOnlyList<InboundMessageReceived> messages)
    {
        // Called only when Debug is enabled, so masking every contact costs nothing otherwise.
#pragma warning disable CA1873
        foreach (var m in messages) LogInbound(logger, m.Channel, m.Type, m.ProviderMessageId, Redact.Contact(m.Contact.ContactKey), m.AccountId);
#pragma warning restore CA1873
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound {Channel} {Type} {ProviderMessageId} from {Contact} to account {AccountId}")]
    private static partial void LogInbound(ILogger logger, string channel, string type, string providerMessageId, string contact, string accountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Channel} channel could not record the contacts of a webhook; not accepted")]
    private static partial void LogChannelStoreUnavailable(ILogger logger, string channel, Exception exception);
}
