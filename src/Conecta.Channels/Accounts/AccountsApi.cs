using Conecta.Channels.Channels;
using Conecta.Channels.Data;
using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conecta.Channels.Accounts;

/// <summary>/api/channel-accounts: admins register numbers and bots; readers list them. Updates need If-Match (the ETag).</summary>
internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/channel-accounts").WithTags("Channel accounts").RequireAuthorization(AdminTokens.ReadPolicy);
        reads.MapGet("/", List).WithSummary("List channel accounts, by channel and status");
        reads.MapGet("/{id:guid}", Get).WithName("GetChannelAccount").WithSummary("One channel account, with its version as ETag");

        var writes = reads.MapGroup("").RequireAuthorization(AdminTokens.WritePolicy);
        writes.MapPost("/", Create).WithIdempotencyKey<ChannelAccountInput>()
            .WithSummary("Register a WhatsApp number or a Telegram bot (409 if its provider id exists)")
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        writes.MapPut("/{id:guid}", Update)
            .WithSummary("Replace the account: every editable field, If-Match required")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithDescription("""
                A full replace, not a merge: send the whole account (as GET returns it). A field left out takes its default
                (displayNumber, graphApiVersion and defaultTeam null; rateLimitPerSecond the channel's default; joinNotice and
                leaveNotice the pt-BR defaults); only accessToken left out or null keeps the stored token. channel and
                providerAccountId cannot change. If-Match: "<version>" is required (428 without it, 412 if the account changed).
                """);
        writes.MapPost("/{id:guid}/disable", Disable).WithSummary("Disable the account (idempotent); a Telegram bot's webhook is deleted first")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<ChannelAccount>>, ValidationProblem>> List(string? channel, string? status,
        ChannelAccountStore store, CancellationToken cancellationToken)
    {
        var errors = StoredText.Problems(("channel", channel), ("status", status));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await store.ListAsync(channel, status, cancellationToken));
    }

    internal static async Task<Results<Ok<ChannelAccount>, NotFound>> Get(Guid id, ChannelAccountStore store, HttpResponse response,
        CancellationToken cancellationToken) =>
        Found(await store.GetAsync(id, cancellationToken), response);

    internal static async Task<Results<Created<ChannelAccount>, ValidationProblem, ProblemHttpResult>> Create(ChannelAccountInput input,
        ChannelAccountStore store, IEnumerable<ChannelProfile> channels, IEnumerable<IAccountRegistration> registrations, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var errors = ChannelAccountRules.Validate(input, existing: null, [.. channels]);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // Before the insert: an account the provider refused is never stored. Registering is safe to repeat, so a
        // registration whose insert then fails (the database down) leaves nothing inconsistent behind. A known account
        // is refused first: registering it again would undo what disabling it told the provider.
        if (registrations.FirstOrDefault(r => r.Channel == input.Channel) is { } registration)
        {
            if (await store.FindByProviderIdAsync(input.Channel!, input.ProviderAccountId!, cancellationToken) is not null) return Duplicate(input);
            if (await registration.RegisterAsync(input, cancellationToken) is { } refusal)
                return TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);
        }
        var write = await store.CreateAsync(input, cancellationToken);
        if (write.Outcome == WriteOutcome.Duplicate) return Duplicate(input);
        response.Headers.ETag = ETag(write.Account!);
        return TypedResults.Created($"/api/channel-accounts/{write.Account!.Id}", write.Account);
    }

    private static ProblemHttpResult Duplicate(ChannelAccountInput input) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Account already registered",
            detail: $"A {input.Channel} account with provider id {input.ProviderAccountId} exists.");

    internal static async Task<Results<Ok<ChannelAccount>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id,
        ChannelAccountInput input, [FromHeader(Name = "If-Match")] string? ifMatch, ChannelAccountStore store, IEnumerable<ChannelProfile> channels,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var existing = await store.GetAsync(id, cancellationToken);
        if (existing is null) return TypedResults.NotFound();
        if (ParseETag(ifMatch) is not { } version)
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send the ETag of the account you read (If-Match: \"<version>\"), so a concurrent change is not overwritten.");
        var errors = ChannelAccountRules.Validate(input, existing, [.. channels]);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var write = await store.UpdateAsync(id, version, input, cancellationToken);
        if (write.Outcome == WriteOutcome.NotFound) return TypedResults.NotFound();
        response.Headers.ETag = ETag(write.Account!);
        if (write.Outcome == WriteOutcome.VersionMismatch)
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The account changed meanwhile",
                detail: $"If-Match was {ifMatch}; the account is now at {ETag(write.Account!)}. Read it again and reapply the change.");
        return TypedResults.Ok(write.Account);
    }

    internal static async Task<Results<Ok<ChannelAccount>, NotFound, ProblemHttpResult>> Disable(Guid id, ChannelAccountStore store,
        IEnumerable<IAccountRegistration> registrations, HttpResponse response, CancellationToken cancellationToken)
    {
        var existing = await store.GetAsync(id, cancellationToken);
        if (existing is null) return TypedResults.NotFound();
        // Before the change, as on create: while the provider cannot be told, the account stays active and its updates keep coming.
        if (existing.IsActive && registrations.FirstOrDefault(r => r.Channel == existing.Channel) is { } registration &&
            await store.GetCredentialsAsync(id, cancellationToken) is { } credentials &&
            await registration.UnregisterAsync(existing.ProviderAccountId, credentials.AccessToken, cancellationToken) is { } refusal)
            return TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);
        return Found(await store.DisableAsync(id, cancellationToken), response).Result switch
        {
            Ok<ChannelAccount> ok => ok,
            _ => TypedResults.NotFound(),
        };
    }

    private static Results<Ok<ChannelAccount>, NotFound> Found(ChannelAccount? account, HttpResponse response)
    {
        if (account is null) return TypedResults.NotFound();
        response.Headers.ETag = ETag(account);
        return TypedResults.Ok(account);
    }

    internal static string ETag(ChannelAccount account) => $"\"{account.Version}\"";

    internal static long? ParseETag(string? ifMatch) =>
        ifMatch is { Length: > 2 } && ifMatch[0] == '"' && ifMatch[^1] == '"' && long.TryParse(ifMatch.AsSpan(1, ifMatch.Length - 2), out var version)
            ? version
            : null;
}
