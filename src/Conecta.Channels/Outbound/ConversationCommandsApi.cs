using Conecta.Channels.Accounts;
using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Hosting;
using Conecta.Channels.Sessions;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conecta.Channels.Outbound;

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
/// POST /api/conversations/{accountId}/{contact}/start, /notices and /end: the conversation commands over HTTP (start an active
/// contact, tell the contact an agent joined or left, end the session). Each is published on the bus exactly as the core
/// platform would publish it, so <see cref="ConversationCommandsConsumer"/> decides it with the same rules and outcome events.
/// </summary>
internal static class ConversationCommandsApi
{
    public static IEndpointRouteBuilder MapConversationCommandsApi(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup(ConversationsApi.Path).WithTags("Conversations").RequireAuthorization(AdminTokens.ReadPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(AdminTokens.WritePolicy);
        writes.MapPost("/start", Start).WithIdempotencyKey<StartConversationRequest>()
            .WithSummary("Start an active contact: the approved template goes out, the agent's typing stays locked until the contact replies")
            .WithDescription("Publishes StartActiveContact. Outcome: MessageAccepted (the template) and ActiveContactStarted, or MessageRejected "
                             + "(TemplateNotApproved, ContactInSession, InvalidNumber, …) at GET /api/commands/{commandId}. " + ConversationsApi.CommonDescription);
        writes.MapPost("/notices", Notify).WithIdempotencyKey<ParticipantNoticeRequest>()
            .WithSummary("Tell the contact an agent joined or left (the account's pt-BR notice), only inside the 24-hour window")
            .WithDescription("Publishes NotifyParticipantChange. Outcome: MessageAccepted, or MessageRejected WindowClosed outside the window "
                             + "(NoticesDisabled when the account turned its notices off: nothing is sent). "
                             + ConversationsApi.CommonDescription);
        writes.MapPost("/end", End).WithIdempotencyKey<EndConversationRequest>()
            .WithSummary("End the session: SessionClosed; the contact's next message opens a new queued session")
            .WithDescription("Publishes EndSession; the body may be left out. Ending a conversation that is not live changes nothing. "
                             + "The Location is the conversation, whose state turns Closed. " + ConversationsApi.CommonDescription);
        return app;
    }

    internal static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Start(string accountId, string contact,
        StartConversationRequest request, ChannelAccountStore accounts, ChannelRegistry channels, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        if (await accounts.FindByProviderIdAsync(accountId, cancellationToken) is not { } account) return ConversationsApi.UnknownAccount(accountId);
        var start = new StartActiveContact(request.CommandId ?? Guid.NewGuid(), accountId, contact, request.AgentId ?? "", request.Team ?? "",
            request.TemplateName ?? "", request.Language ?? "", request.Components ?? [], request.Text);
        if (CommandValidation.Problem(start, channels.For(account.Channel).Profile.Conversation) is { } problem) return TypedResults.ValidationProblem(problem.AsErrors());
        return await CommandSubmission.PublishAsync(bus, start, start.CommandId, CommandSubmission.OutcomeLocation(start.CommandId), cancellationToken);
    }

    internal static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Notify(string accountId, string contact,
        ParticipantNoticeRequest request, ChannelAccountStore accounts, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        if (await accounts.FindByProviderIdAsync(accountId, cancellationToken) is null) return ConversationsApi.UnknownAccount(accountId);
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
        ChannelAccountStore accounts, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        if (await accounts.FindByProviderIdAsync(accountId, cancellationToken) is null) return ConversationsApi.UnknownAccount(accountId);
        var end = new EndSession(request?.CommandId ?? Guid.NewGuid(), accountId, contact);
        if (CommandValidation.Problem(end) is { } problem) return TypedResults.ValidationProblem(problem.AsErrors());
        return await CommandSubmission.PublishAsync(bus, end, end.CommandId,
            $"/api/conversations/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(contact)}", cancellationToken);
    }

}
