using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Channels.WhatsApp.Templates;
using Conecta.Channels.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>
/// A stand-in for the Graph API calls the service makes, answered as Meta answers them: POST /{phone-number-id}/messages (a
/// wamid, then <see cref="SandboxStatuses"/> posts sent, delivered and read back to our webhook; a template must be approved
/// here), POST /{phone-number-id}/marketing_messages (the same, for MARKETING templates only), /{waba-id}/message_templates
/// (create, list with cursors, delete; <see cref="SandboxTemplates"/> reviews), and media
/// (GET /{media-id} and its download URL, POST /{phone-number-id}/media).
/// </summary>
internal static class SandboxGraphApi
{
    public const string BasePath = "/sandbox/graph";
    public const string MediaPath = "/sandbox/media";

    /// <summary>What the sandbox answers as a media file's URL: Meta's own shape and host, which <see cref="SandboxRouting"/>
    /// points at <see cref="MediaPath"/> of this instance (so the media proxy's host check runs as in production).</summary>
    public const string MetaMediaUrl = "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=";

    public static IEndpointRouteBuilder MapSandboxGraph(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled) return app;
        // Meta's stand-in: called with the accounts' access tokens, which are not admin tokens.
        var graph = app.MapGroup(BasePath + "/{version}").ExcludeFromDescription().AllowAnonymous();
        graph.MapPost("/{phoneNumberId}/messages", Send);
        graph.MapPost("/{phoneNumberId}/marketing_messages", SendMarketing);
        graph.MapPost("/{businessAccountId}/message_templates", CreateTemplate);
        graph.MapGet("/{businessAccountId}/message_templates", ListTemplates);
        graph.MapDelete("/{businessAccountId}/message_templates", DeleteTemplate);
        graph.MapGet("/{mediaId}", MediaInfo);
        graph.MapPost("/{phoneNumberId}/media", Upload).DisableAntiforgery();
        app.MapGet(MediaPath + "/{mediaId}", Download).ExcludeFromDescription().AllowAnonymous();
        app.MapSandboxContact();
        return app;
    }

    internal static Task<Results<JsonHttpResult<GraphSendResponse>, JsonHttpResult<GraphErrorResponse>>> Send(string phoneNumberId,
        HttpRequest request, SandboxStatuses statuses, SandboxTemplates templates, ChannelAccountStore accounts, IOptions<SandboxOptions> options,
        CancellationToken cancellationToken) =>
        SendAsync(phoneNumberId, marketingOnly: false, request, statuses, templates, accounts, options, cancellationToken);

    /// <summary>
    /// The Marketing Messages API: the body of /messages, refused as Meta's error-code page documents for that API when it is no
    /// template (100, "Message must be a template message.") or a template of another category (134100).
    /// </summary>
    internal static Task<Results<JsonHttpResult<GraphSendResponse>, JsonHttpResult<GraphErrorResponse>>> SendMarketing(string phoneNumberId,
        HttpRequest request, SandboxStatuses statuses, SandboxTemplates templates, ChannelAccountStore accounts, IOptions<SandboxOptions> options,
        CancellationToken cancellationToken) =>
        SendAsync(phoneNumberId, marketingOnly: true, request, statuses, templates, accounts, options, cancellationToken);

    private static async Task<Results<JsonHttpResult<GraphSendResponse>, JsonHttpResult<GraphErrorResponse>>> SendAsync(string phoneNumberId,
        bool marketingOnly, HttpRequest request, SandboxStatuses statuses, SandboxTemplates templates, ChannelAccountStore accounts,
        IOptions<SandboxOptions> options, CancellationToken cancellationToken)
    {
        var message = await request.ReadFromJsonAsync(GraphJsonContext.Default.GraphMessage, cancellationToken);
        if (message is null) return Refuse(100, "Invalid parameter", StatusCodes.Status400BadRequest);
        if (options.Value.FailWithCode is { } code && Random.Shared.NextDouble() < options.Value.FailureRate)
            return Refuse(code, "Sandbox failure (Sandbox:FailWithCode)",
                GraphErrors.Classify(code, 400).Retryable ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest);

        if (marketingOnly && message.Template is null) return Refuse(100, "Message must be a template message.", StatusCodes.Status400BadRequest);
        if (message.Status == "read")
            return TypedResults.Json(new GraphSendResponse(null, null, true), GraphJsonContext.Default.GraphSendResponse);
        if (message.Template is { } template)
        {
            var account = await accounts.FindByProviderIdAsync(WebhookMapper.Channel, phoneNumberId, cancellationToken);
            // As Meta: the translation must exist and be approved (132001 for a missing or unapproved one).
            if (account?.BusinessAccountId is not { } waba ||
                templates.Find(waba, template.Name, template.Language.Code) is not { Status: MessageTemplate.Approved } approved)
                return Refuse(132001, "Template name does not exist in the translation", StatusCodes.Status404NotFound);
            if (marketingOnly && approved.Category != "MARKETING")
                return Refuse(134100, "Only marketing messages supported", StatusCodes.Status400BadRequest);
        }

        var wamid = "wamid.sandbox." + Guid.NewGuid().ToString("N");
        var recipient = message.To ?? message.Recipient ?? "";
        statuses.Schedule(new SandboxSend(phoneNumberId, wamid, recipient, message.BizOpaqueCallbackData));
        return TypedResults.Json(new GraphSendResponse([new GraphSentContact(recipient, message.To)], [new GraphSentMessage(wamid, null)], null),
            GraphJsonContext.Default.GraphSendResponse);
    }

    internal static async Task<IResult> CreateTemplate(string businessAccountId, HttpRequest request, SandboxTemplates templates,
        CancellationToken cancellationToken)
    {
        var submission = await request.ReadFromJsonAsync<MetaTemplateSubmission>(MetaTemplatesClient.Json, cancellationToken);
        if (submission is not { Name.Length: > 0, Language.Length: > 0, Category.Length: > 0, Components: not null })
            return Refuse(100, "Invalid parameter: name, language, category and components are required", StatusCodes.Status400BadRequest);
        if (templates.Create(businessAccountId, submission) is not { } created)
            return Refuse(100, "Content in this language already exists", StatusCodes.Status400BadRequest, subcode: 2388024);
        return TypedResults.Json(new MetaTemplate(created.Id, null, null, created.Status, created.Category, null, null, null, null),
            MetaTemplatesClient.Json);
    }

    /// <summary>Meta's list: <c>limit</c> per page, the next page after the cursor <c>after</c> (the last id of the page before).</summary>
    internal static IResult ListTemplates(string version, string businessAccountId, int? limit, string? after, HttpRequest request,
        SandboxTemplates templates)
    {
        var size = Math.Clamp(limit ?? 25, 1, 1000);
        var all = templates.List(businessAccountId);
        var rest = after is null ? all : all.SkipWhile(t => string.CompareOrdinal(t.Id, after) <= 0).ToList();
        var page = rest.Take(size).ToList();
        var more = rest.Count > page.Count;
        var next = more ? $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/{version}/{businessAccountId}/message_templates?limit={size}&after={page[^1].Id}" : null;
        var paging = page.Count == 0 ? null : new MetaPaging(new MetaCursors(page[0].Id, page[^1].Id), next);
        return TypedResults.Json(new MetaTemplateList(page.Select(t => t.Described()).ToList(), paging), MetaTemplatesClient.Json);
    }

    internal static IResult DeleteTemplate(string businessAccountId, string? name, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "hsm_id")] string? hsmId,
        SandboxTemplates templates)
    {
        if (string.IsNullOrEmpty(name)) return Refuse(100, "Invalid parameter: name is required", StatusCodes.Status400BadRequest);
        return templates.Delete(businessAccountId, name, hsmId) > 0
            ? TypedResults.Json(new { success = true }, MetaTemplatesClient.Json)
            : Refuse(100, "Message template not found", StatusCodes.Status400BadRequest, subcode: 2593002);
    }

    internal static IResult MediaInfo(string mediaId, SandboxMedia media) =>
        media.Find(mediaId) is { } item
            ? TypedResults.Json(new GraphMediaInfo(MetaMediaUrl + item.Id, item.MimeType,
                item.Sha256, item.Bytes.LongLength), GraphJsonContext.Default.GraphMediaInfo)
            : Refuse(100, $"Unsupported get request. Object with ID '{mediaId}' does not exist", StatusCodes.Status400BadRequest, subcode: 33);

    internal static IResult Download(string mediaId, SandboxMedia media) =>
        media.Find(mediaId) is { } item ? TypedResults.File(item.Bytes, item.MimeType) : TypedResults.NotFound();

    internal static async Task<IResult> Upload(HttpRequest request, SandboxMedia media, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return Refuse(100, "Invalid parameter: a multipart form is required", StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file) return Refuse(100, "Invalid parameter: file is required", StatusCodes.Status400BadRequest);
        if (file.Length > SandboxMedia.MaxBytes) return Refuse(131053, "Media upload error: the file is too large for the sandbox", StatusCodes.Status400BadRequest);
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, cancellationToken);
        var type = form["type"].ToString() is { Length: > 0 } declared ? declared : file.ContentType;
        return TypedResults.Json(new GraphMediaUploaded(media.Add(type, bytes.ToArray()).Id), GraphJsonContext.Default.GraphMediaUploaded);
    }

    private static JsonHttpResult<GraphErrorResponse> Refuse(int code, string message, int status, int? subcode = null) =>
        TypedResults.Json(new GraphErrorResponse(new GraphError(message, "OAuthException", code, subcode, new GraphErrorData(message), "sandbox")),
            GraphJsonContext.Default.GraphErrorResponse, statusCode: status);
}
