using Conecta.Channels.Accounts;
using Conecta.Channels.Data;
using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Templates;

/// <summary>
/// /api/templates: readers list the registry's templates. Submitting, deleting and syncing them is the channel's that owns
/// templates (Channels/WhatsApp/Templates: Meta reviews them).
/// </summary>
internal static class TemplatesApi
{
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/templates").WithTags("Templates").RequireAuthorization(AdminTokens.ReadPolicy);
        reads.MapGet("/", List).WithSummary("List templates, filtered and paginated");
        reads.MapGet("/{id:guid}", Get).WithSummary("One template, with Meta's id and review status");
        return app;
    }

    internal static async Task<Results<Ok<TemplatePage>, ValidationProblem>> List(Guid? accountId, string? status, string? language,
        string? name, int? page, int? pageSize, ChannelAccountStore accounts, TemplateStore store, CancellationToken cancellationToken)
    {
        var errors = StoredText.Problems(("status", status), ("language", language), ("name", name));
        if (page < 1) errors["page"] = ["From 1."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"Between 1 and {MaxPageSize}."];
        string? businessAccountId = null;
        if (accountId is { } id)
        {
            businessAccountId = (await accounts.GetAsync(id, cancellationToken))?.BusinessAccountId;
            if (businessAccountId is null) errors["accountId"] = ["No WhatsApp account with this id."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var filter = new TemplateFilter(businessAccountId, status, language, name, page ?? 1, pageSize ?? 50);
        return TypedResults.Ok(await store.ListAsync(filter, cancellationToken));
    }

    internal static async Task<Results<Ok<MessageTemplate>, NotFound>> Get(Guid id, TemplateStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } template ? TypedResults.Ok(template) : TypedResults.NotFound();
}
