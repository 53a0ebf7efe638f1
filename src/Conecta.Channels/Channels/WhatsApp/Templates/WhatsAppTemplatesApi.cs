using Conecta.Channels.Accounts;
using Conecta.Channels.Hosting;
using Conecta.Channels.Templates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Channels.WhatsApp.Templates;

/// <summary>/api/templates writes: admins submit, delete and sync WhatsApp templates with Meta (the registry's reads are Templates/TemplatesApi).</summary>
internal static partial class WhatsAppTemplatesApi
{
    public static IEndpointRouteBuilder MapWhatsAppTemplatesApi(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/api/templates").WithTags("Templates").RequireAuthorization(AdminTokens.ReadPolicy)
            .RequireAuthorization(AdminTokens.WritePolicy);
        writes.MapPost("/", Create).WithIdempotencyKey<TemplateDefinition>()
            .WithSummary("Validate a template and submit it to Meta (stored PENDING; Meta's status webhook moves it to APPROVED or REJECTED)")
            .ProducesProblem(StatusCodes.Status502BadGateway);
        writes.MapDelete("/{id:guid}", Delete).WithSummary("Delete the translation in Meta, then here")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        writes.MapPost("/sync", Sync).WithSummary("Reconcile with Meta's template list now (every business account, or the account's)");
        return app;
    }

    /// <summary>Validates, submits to Meta, stores Meta's id and status (PENDING while in review).</summary>
    internal static async Task<Results<Created<MessageTemplate>, ValidationProblem, ProblemHttpResult>> Create(TemplateDefinition definition,
        ChannelAccountStore accounts, TemplateStore store, MetaTemplatesClient meta, ILogger<MetaTemplatesClient> logger,
        CancellationToken cancellationToken)
    {
        var errors = TemplateRules.Validate(definition);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var account = await accounts.GetAsync(definition.AccountId, cancellationToken);
        if (account is not { Channel: WebhookMapper.Channel, IsActive: true, BusinessAccountId: { } businessAccountId })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountId"] = ["No active WhatsApp account with this id."] });
        if (await store.FindAsync(businessAccountId, definition.Name!, definition.Language!, cancellationToken) is { } existing)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Template already exists",
                detail: $"{existing.Name} ({existing.Language}) is {existing.Status} as template {existing.Id}; delete it or choose another name.");

        var credentials = (await accounts.GetCredentialsAsync(account.Id, cancellationToken))!;
        var submission = new MetaTemplateSubmission(definition.Name!, definition.Language!, definition.Category!, definition.ParameterFormat,
            definition.Components!);
        var created = await meta.CreateAsync(credentials, submission, cancellationToken);
        if (created.Error is { } error)
        {
            LogRejected(logger, definition.Name!, businessAccountId, error.HttpStatus, error.Code, error.Message);
            return MetaProblem(error, "Meta did not accept the template");
        }

        var template = await store.SaveAsync(new TemplateRecord(businessAccountId, created.Value!.Id!, definition.Name!, definition.Language!,
            created.Value.Category ?? definition.Category!, definition.ParameterFormat ?? MessageTemplate.Positional,
            created.Value.Status ?? "PENDING", null, null, definition.Components!), syncedAt: null, cancellationToken);
        return TypedResults.Created($"/api/templates/{template.Id}", template);
    }

    /// <summary>Deletes the translation in Meta first: a template Meta still has would come back at the next sync.</summary>
    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, ChannelAccountStore accounts,
        TemplateStore store, MetaTemplatesClient meta, CancellationToken cancellationToken)
    {
        var template = await store.GetAsync(id, cancellationToken);
        if (template is null) return TypedResults.NotFound();
        var account = (await accounts.ListActiveWithBusinessAccountAsync(WebhookMapper.Channel, cancellationToken))
            .FirstOrDefault(a => a.BusinessAccountId == template.BusinessAccountId);
        if (account is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No active account for this template",
                detail: $"No active WhatsApp account of business account {template.BusinessAccountId} holds a token to delete it in Meta.");
        var credentials = (await accounts.GetCredentialsAsync(account.Id, cancellationToken))!;
        if (await meta.DeleteAsync(credentials, template.Name, template.ProviderTemplateId, cancellationToken) is { } error)
            return MetaProblem(error, "Meta did not delete the template");
        await store.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<SyncReport>> Sync(Guid? accountId, TemplateSync sync, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sync.RunAsync(accountId, cancellationToken));

    /// <summary>Meta refused (422, with Meta's code and message) or could not answer (502).</summary>
    internal static ProblemHttpResult MetaProblem(MetaError error, string title) =>
        TypedResults.Problem(
            statusCode: error.IsRejection ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status502BadGateway,
            title: title,
            detail: error.UserMessage ?? error.Message,
            extensions: new Dictionary<string, object?>
            {
                ["metaHttpStatus"] = error.HttpStatus,
                ["metaCode"] = error.Code,
                ["metaSubcode"] = error.Subcode,
                ["metaMessage"] = error.Message,
                ["metaType"] = error.Type,
                ["metaUserTitle"] = error.UserTitle,
                ["fbtraceId"] = error.TraceId,
            });

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Template {Name} of business account {BusinessAccountId} not accepted by Meta (HTTP {HttpStatus}, code {Code}): {Message}")]
    private static partial void LogRejected(ILogger logger, string name, string businessAccountId, int httpStatus, int code, string message);
}
