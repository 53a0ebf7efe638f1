using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

/// <summary>The uploaded file's media id, for SendMedia.</summary>
internal sealed record MediaUploaded(string MediaId);

/// <summary>Inbound media for the agent app, and uploads for outbound media, proxied to Meta without buffering.</summary>
internal static class MediaApi
{
    /// <summary>The largest upload: the only endpoint whose body may be this large (the default is ServiceDefaults.MaxRequestBodyBytes).</summary>
    public const long MaxUploadBytes = 64 * 1024 * 1024;

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/media/{accountId}").WithTags("Media");
        group.MapGet("/{mediaId}", Download).RequireAuthorization(AdminTokens.ReadPolicy).WithSummary("Download an inbound media file, streamed from Meta").ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesValidationProblem();
        group.MapPost("/", Upload).RequireAuthorization(AdminTokens.WritePolicy).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("Upload a file (multipart file) to Meta for SendMedia; answers the media id").ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesValidationProblem();
        return app;
    }

    internal static async Task<IResult> Download(string accountId, string mediaId, HttpContext http, OutboundAccounts accounts,
        GraphMediaClient media, IOptions<WhatsAppOptions> options, CancellationToken cancellationToken)
    {
        // Meta's media ids are digits: anything else ("..", "/", "?") would change the Graph path the token is sent to.
        if (mediaId.Length is 0 or > 64 || !mediaId.All(char.IsAsciiDigit))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mediaId"] = ["A media id is digits only, as Meta gives it (at most 64)."] });
        if (await Graph(accountId, accounts, options, cancellationToken) is not { } account) return UnknownAccount();
        var result = await media.DownloadAsync(account, mediaId, cancellationToken);
        if (result.Value is not { } download) return Refused(result.Refusal!);
        using (download)
        {
            // The type is Meta's (the contact's file): never let a browser guess another one from the bytes.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.ContentType = download.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            if (download.Content.Headers.ContentLength is { } length) http.Response.ContentLength = length;
            await using var body = await download.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(http.Response.Body, cancellationToken);
            return TypedResults.Empty;
        }
    }

    internal static async Task<IResult> Upload(string accountId, IFormFile file, OutboundAccounts accounts,
        GraphMediaClient media, IOptions<WhatsAppOptions> options, CancellationToken cancellationToken)
    {
        if (UploadProblems(file.ContentType, file.FileName) is { Count: > 0 } problems) return TypedResults.ValidationProblem(problems);
        if (await Graph(accountId, accounts, options, cancellationToken) is not { } account) return UnknownAccount();
        await using var stream = file.OpenReadStream();
        var (uploaded, refusal) = await media.UploadAsync(account, stream, file.ContentType, file.FileName, cancellationToken);
        return refusal is not null ? Refused(refusal) : TypedResults.Ok(new MediaUploaded(uploaded?.Id!));
    }

    /// <summary>
    /// What an upload's file part must say before it is forwarded: a media type (type/subtype) and a file name without quotes,
    /// backslashes or control characters, which would otherwise break (or forge) the multipart headers sent to Meta.
    /// </summary>
    internal static Dictionary<string, string[]> UploadProblems(string? contentType, string? fileName)
    {
        var problems = new Dictionary<string, string[]>();
        if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type) || type.MediaType?.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            problems["file.contentType"] = ["The file part needs a Content-Type such as image/jpeg or application/pdf."];
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Any(c => c is '"' or '\\' || char.IsControl(c)))
            problems["file.fileName"] = ["The file name must not be empty nor hold quotes, backslashes or control characters (CR, LF)."];
        return problems;
    }

    private static async Task<GraphAccount?> Graph(string accountId, OutboundAccounts accounts, IOptions<WhatsAppOptions> options,
        CancellationToken cancellationToken) =>
        await accounts.FindAsync(accountId, cancellationToken) is { Channel: WebhookMapper.Channel } a
            ? GraphAccount.Of(a, options.Value)
            : null;

    private static ProblemHttpResult UnknownAccount() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No active WhatsApp account with that id");

    private static ProblemHttpResult Refused(GraphRefused refusal) =>
        TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Meta refused the media request",
            detail: refusal.Title, extensions: new Dictionary<string, object?> { ["graphCode"] = refusal.Code, ["graphStatus"] = refusal.HttpStatus });
}
