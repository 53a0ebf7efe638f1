using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conecta.Channels.Sessions;

/// <summary>The body of POST …/start: StartActiveContact without the account and contact, which the path names.</summary>
/// <param name="CommandId">The idempotency key; a new one is chosen when absent.</param>
/// <param name="Text">Channels without templates (Telegram): the first message.</param>
internal sealed record StartConversationRequest(
    Guid? CommandId,
    string? AgentId,
    string? Team,
    string? TemplateName = null,
    string? Language = null,
    IReadOnlyList<TemplateComponent>? Components = null,
    string? Text = null);

/// <summary>The body of POST …/notices: NotifyParticipantChange without the account and contact.</summary>
/// <param name="Joined">True: the account's join notice ("{nome} entrou na conversa."); false: its leave notice.</param>
internal sealed record ParticipantNoticeRequest(Guid? CommandId, string? AgentName, bool? Joined);

/// <summary>The body of POST …/end (may be left out): EndSession without the account and contact.</summary>
internal sealed record EndConversationRequest(Guid? CommandId);

/// <summary>
/// /api/conversations/{accountId}/{contact}: the conversation commands over HTTP (start an active contact, tell the contact
/// an agent joined or left, end the session) and the conversation's state. Each command is published on the bus exactly
/// as the core platform would publish it, so the sessions consumer decides it with the same rules and outcome events.
/// </summary>
internal static class ConversationsApi
{
    private const string CommonDescription = """
        {accountId} is the provider's account id (WhatsApp phone_number_id, Telegram bot id); {contact} the contact as a command's
        `to` names it (5531988887777, bsuid:…, or a Telegram chat id). commandId is the idempotency key (chosen when absent), and an
        Idempotency-Key header replays the first answer. A malformed command is a 400 naming the field; an account that is not
        registered a 404 (on the bus the same command is rejected UnknownAccount).
        """;

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/conversations/{accountId}/{contact}").WithTags("Conversations").RequireAuthorization(AdminTokens.ReadPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("", Get)
            .WithSummary("The conversation's state: AwaitingReply (typing locked), Open (queued), WindowExpired or Closed; window end, agent, team")
            .WithDescription("Read from the session store the rules use (kept 30 days after its last change, Sessions:Retention). "
                             + "A contact without a session is state None. " + CommonDescription);

        var writes = reads.MapGroup("").RequireAuthorization(AdminTokens.WritePolicy);
        writes.MapPost("/start", Start).WithIdempotencyKey<StartConversationRequest>()
            .WithSummary("Start an active contact: the approved template goes out, the agent's typing stays locked until the contact replies")
            .WithDescription("Publishes StartActiveContact. Outcome: MessageAccepted (the template) and ActiveContactStarted, or MessageRejected "
                             + "(TemplateNotApproved, ContactInSession, InvalidNumber, …) at GET /api/commands/{commandId}. " + CommonDescription);
        writes.MapPost("/notices", Notify).WithIdempotencyKey<ParticipantNoticeRequest>()
            .WithSummary("Tell the contact an agent joined or left (the account's pt-BR notice), only inside the 24-hour window")
            .WithDescription("Publishes NotifyParticipantChange. Outcome: MessageAccepted, or MessageRejected WindowClosed outside the window. "
                             + CommonDescription);
        writes.MapPost("/end", End).WithIdempotencyKey<EndConversationRequest>()
            .WithSummary("End the session: SessionClosed; the contact's next message opens a new queued session")
            .WithDescription("Publishes EndSession; the body may be left out. Ending a conversation that is not live changes nothing. "
                             + "The Location is the conversation, whose state turns Closed. " + CommonDescription);
        return app;
    }

    internal static async Task<Results<Ok<ConversationView>, ValidationProblem, ProblemHttpResult>> Get(string accountId, string contact,
        ChannelPolicies policies, SessionTransitions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await policies.FindAccountAsync(accountId, cancellationToken) is not { } found) return UnknownAccount(accountId);
        if (SessionTransitions.KeyOf(found.Policy, accountId, contact) is not { } key)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["contact"] = [$"Not a contact of a {found.Policy.Channel} account: a mobile number with its country code (5531988887777), a bsuid:… key, or a Telegram chat id."],
            });
        var freeText = await sessions.PeekAsync(key, new FreeFormSendCheck { Policy = found.Policy.Conversation }, cancellationToken);
        return TypedResults.Ok(ConversationView.Of(found.Policy.Channel, key, freeText, clock.GetUtcNow()));
    }

    internal static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Start(string accountId, string contact,
        StartConversationRequest request, ChannelPolicies policies, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        if (await policies.FindAccountAsync(accountId, cancellationToken) is not { Policy: var policy }) return UnknownAccount(accountId);
        var start = new StartActiveContact(request.CommandId ?? Guid.NewGuid(), accountId, contact, request.AgentId ?? "", request.Team ?? "",
            request.TemplateName ?? "", request.Language ?? "", request.Components ?? [], request.Text);
        if (CommandValidation.Problem(start, policy.Conversation) is { } problem) return TypedResults.ValidationProblem(problem.AsErrors());
        return await CommandSubmission.PublishAsync(bus, start, start.CommandId, CommandSubmission.OutcomeLocation(start.CommandId), cancellationToken);
    }

    internal static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Notify(string accountId, string contact,
        ParticipantNoticeRequest request, ChannelPolicies policies, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        if (await policies.FindAccountAsync(accountId, cancellationToken) is null) return UnknownAccount(accountId);
        if (request.Joined is not { } joined)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["joined"] = ["joined is required: true for the join notice, false for the leave notice."],
            });
        var notify = new NotifyParticipantChange(request.CommandId ?? Guid.NewGuid(), accountId, contact, request.AgentName ?? "", joined);
        if (CommandValidation.Problem(notify) is { } problem) return TypedResults.ValidationProblem(problem.AsErrors());
        return await CommandSubmission.PublishAsync(bus, notify, notify.CommandId, CommandSubmission.OutcomeLocation(notify.CommandId), cancellationToken);
    }

    internal static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> End(string accountId, string contact,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] EndConversationRequest? request,
        ChannelPolicies policies, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        if (await policies.FindAccountAsync(accountId, cancellationToken) is null) return UnknownAccount(accountId);
        var end = new EndSession(request?.CommandId ?? Guid.NewGuid(), accountId, contact);
        if (CommandValidation.Problem(end) is { } problem) return TypedResults.ValidationProblem(problem.AsErrors());
        return await CommandSubmission.PublishAsync(bus, end, end.CommandId,
            $"/api/conversations/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(contact)}", cancellationToken);
    }

    private static ProblemHttpResult UnknownAccount(string accountId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown channel account",
            detail: $"No channel account has the provider id {accountId}: register it (POST /api/channel-accounts) first.");
}
