using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Outbound;

/// <summary>A command as the read side knows it (the command ledger): its outcome and its message's latest status.</summary>
/// <param name="Outcome">pending (a delivery is working on it), accepted or rejected.</param>
/// <param name="ProviderMessageId">Accepted: the provider's id of the message (WhatsApp wamid).</param>
/// <param name="DecidedAt">When the outcome was decided.</param>
/// <param name="Status">Accepted: the highest status the provider reported so far (sent, delivered, read, played, failed); null before the first.</param>
/// <param name="StatusAt">The provider's timestamp of that status.</param>
/// <param name="StatusFailureReason">A failed status: its typed reason.</param>
/// <param name="Reason">Rejected: the typed reason.</param>
/// <param name="Retryable">Rejected: whether the same command sent again may succeed.</param>
internal sealed record CommandView(
    Guid CommandId,
    string Outcome,
    string? Channel,
    string? AccountId,
    string? To,
    string? ProviderMessageId,
    DateTimeOffset? DecidedAt,
    string? Status,
    DateTimeOffset? StatusAt,
    RejectionReason? StatusFailureReason,
    RejectionReason? Reason,
    bool? Retryable,
    int? ProviderCode,
    string? Detail)
{
    public static CommandView Of(Guid commandId, CommandRecord record)
    {
        var delivery = record.Delivery;
        return record.State.Outcome switch
        {
            { Accepted: { } a } => new(commandId, "accepted", a.Channel, a.AccountId, a.To, a.ProviderMessageId, a.AcceptedAt,
                delivery?.Status, delivery?.At, delivery?.FailureReason, null, null, null, null),
            { Rejected: { } r } => new(commandId, "rejected", r.Channel, r.AccountId, r.To, null, r.RejectedAt,
                null, null, null, r.Reason, r.Retryable, r.ProviderCode, r.Detail),
            _ => new(commandId, "pending", null, null, null, null, null, null, null, null, null, null, null, null),
        };
    }
}

internal static class CommandsApi
{
    public static IEndpointRouteBuilder MapCommandsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/commands").WithTags("Commands").RequireAuthorization(AdminTokens.ReadPolicy)
            .MapGet("/{commandId:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A command's outcome: accepted with the provider message id and its latest status, or rejected with the typed reason")
            .WithDescription("""
                Any command sent over HTTP or the bus (text, media, template, read, active contact start, participant notice).
                Outcomes and statuses are kept 7 days (Outbound:OutcomeRetention). An EndSession has no message outcome: read the
                conversation (GET /api/conversations/{accountId}/{contact}) instead.
                """);
        return app;
    }

    internal static async Task<Results<Ok<CommandView>, ProblemHttpResult>> Get(Guid commandId, ICommandLedger ledger, CancellationToken cancellationToken) =>
        await ledger.FindAsync(commandId, cancellationToken) is { } record
            ? TypedResults.Ok(CommandView.Of(commandId, record))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such command",
                detail: "Nothing is known of this commandId: not processed yet (an outcome usually follows within a second), older than "
                        + "the retention (7 days), or an EndSession (read the conversation instead).");
}
