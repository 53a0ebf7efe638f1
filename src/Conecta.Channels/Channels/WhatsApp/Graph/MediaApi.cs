using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

/// <summary>The uploaded file's media id, for SendMedia.</summary>
internal sealed record MediaUploaded(string MediaId);

/// <summary>Inbound media for the agent app, and uploads for outbound media, proxied to Meta without buffering.</summary>
internal static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/media/{accountId}").WithTags("Media");
        group.MapGet("/{mediaId}", Download).RequireAuthorization(AdminTokens.ReadPolicy).WithSummary("Download an inbound media file, streamed from Meta").ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapPost("/", Upload).RequireAuthorization(AdminTokens.WritePolicy).DisableAntiforgery().WithSummary("Upload a file (multipart file) to Meta for SendMedia; answers the media id").ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    internal static async Task<IResult> Download(string accountId, string mediaId, HttpContext http, OutboundAccounts accounts,
        GraphMediaClient media, IOptions<WhatsAppOptions> options, CancellationToken cancellationToken)
    {
        if (await Graph(accountId, accounts, options, cancellationToken) is not { } account) return UnknownAccount();
        var result = await media.DownloadAsync(account, mediaId, cancellationToken);
        if (result.Value is not { } download) return Refused(result.Refusal!);
        using (download)
        {
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
        if (await Graph(accountId, accounts, options, cancellationToken) is not { } account) return UnknownAccount();
        await using var stream = file.OpenReadStream();
        var (uploaded, refusal) = await media.UploadAsync(account, stream, file.ContentType, file.FileName, cancellationToken);
        return refusal is not null ? Refused(refusal) : TypedResults.Ok(new MediaUploaded(uploaded?.Id!));
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
