using Conecta.Channels.Accounts;
using Conecta.Channels.Channels;
using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Sessions;

/// <summary>
/// GET /api/conversations/{accountId}/{contact}: the conversation's state, read from the session store the rules use. The
/// conversation commands on the same path (start, notices, end) are Outbound's (<c>ConversationCommandsApi</c>).
/// </summary>
internal static class ConversationsApi
{
    internal const string CommonDescription = """
        {accountId} is the provider's account id (WhatsApp phone_number_id, Telegram bot id); {contact} the contact as a command's
        `to` names it (5531988887777, bsuid:…, or a Telegram chat id). commandId is the idempotency key (chosen when absent), and an
        Idempotency-Key header replays the first answer. A malformed command is a 400 naming the field; an account that is not
        registered a 404 (on the bus the same command is rejected UnknownAccount).
        """;

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Path).WithTags("Conversations").RequireAuthorization(AdminTokens.ReadPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .MapGet("", Get)
            .WithSummary("The conversation's state: AwaitingReply (typing locked), Open (queued), WindowExpired or Closed; window end, agent, team")
            .WithDescription("Read from the session store the rules use (kept 30 days after its last change, Sessions:Retention). "
                             + "A contact without a session is state None. " + CommonDescription);
        return app;
    }

    public const string Path = "/api/conversations/{accountId}/{contact}";

    internal static async Task<Results<Ok<ConversationView>, ValidationProblem, ProblemHttpResult>> Get(string accountId, string contact,
        ChannelAccountStore accounts, ChannelRegistry channels, SessionTransitions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await accounts.FindByProviderIdAsync(accountId, cancellationToken) is not { } account) return UnknownAccount(accountId);
        var channel = channels.For(account.Channel);
        if (SessionTransitions.KeyOf(channel, accountId, contact) is not { } key)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["contact"] = [$"Not a contact of a {channel.Profile.Name} account: a mobile number with its country code (5531988887777), a bsuid:… key, or a Telegram chat id."],
            });
        var freeText = await sessions.PeekAsync(key, new FreeFormSendCheck { Policy = channel.Profile.Conversation }, cancellationToken);
        return TypedResults.Ok(ConversationView.Of(channel.Profile.Name, key, freeText, clock.GetUtcNow()));
    }

    internal static ProblemHttpResult UnknownAccount(string accountId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown channel account",
            detail: $"No channel account has the provider id {accountId}: register it (POST /api/channel-accounts) first.");
}
