using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conecta.Channels.Channels;

/// <summary>
/// Inbound media for the agent app, and uploads for outbound media, proxied to the account's channel (<see cref="IChannel.Media"/>)
/// without buffering; the caller never sees the account's credentials nor the provider's URLs.
/// </summary>
internal static class MediaApi
{
    /// <summary>The largest upload: the only endpoint whose body may be this large (the default is ServiceDefaults.MaxRequestBodyBytes).</summary>
    public const long MaxUploadBytes = 64 * 1024 * 1024;

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/media/{accountId}").WithTags("Media");
        group.MapGet("/{mediaId}", Download).RequireAuthorization(AdminTokens.ReadPolicy)
            .WithSummary("Download an inbound media file, streamed from the account's channel (Meta, Telegram)").ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesValidationProblem();
        group.MapPost("/", Upload).RequireAuthorization(AdminTokens.WritePolicy).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("Upload a file (multipart file) to the account's channel for SendMedia; answers the media id").ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status501NotImplemented).ProducesValidationProblem();
        return app;
    }

    internal static async Task<IResult> Download(string accountId, string mediaId, HttpContext http, OutboundAccounts accounts,
        ChannelRegistry channels, CancellationToken cancellationToken)
    {
        if (await MediaOfAsync(accountId, accounts, channels, cancellationToken) is not var (account, media)) return UnknownAccount();
        // The id becomes part of a provider path sent with the account's credentials: "..", "/" or "?" would change where they go.
        if (media.IdProblem(mediaId) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mediaId"] = [problem] });
        var result = await media.DownloadAsync(account, mediaId, cancellationToken);
        if (result.Value is not { } download) return Refused(result.Refusal!);
        using (download)
        {
            // The type is the provider's (the contact's file): never let a browser guess another one from the bytes.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.ContentType = download.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            if (download.Content.Headers.ContentLength is { } length) http.Response.ContentLength = length;
            await using var body = await download.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(http.Response.Body, cancellationToken);
            return TypedResults.Empty;
        }
    }

    internal static async Task<IResult> Upload(string accountId, IFormFile file, OutboundAccounts accounts, ChannelRegistry channels,
        CancellationToken cancellationToken)
    {
        if (UploadProblems(file.ContentType, file.FileName) is { Count: > 0 } problems) return TypedResults.ValidationProblem(problems);
        if (await MediaOfAsync(accountId, accounts, channels, cancellationToken) is not var (account, media)) return UnknownAccount();
        await using var stream = file.OpenReadStream();
        var (uploaded, refusal) = await media.UploadAsync(account, stream, file.ContentType, file.FileName, cancellationToken);
        return refusal is not null ? Refused(refusal) : TypedResults.Ok(uploaded);
    }

    /// <summary>
    /// What an upload's file part must say before it is forwarded: a media type (type/subtype) and a file name without quotes,
    /// backslashes or control characters, which would otherwise break (or forge) the multipart headers sent to the provider.
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

    /// <summary>The active account and its channel's media; null when there is no such account or its channel carries no files.</summary>
    private static async Task<(OutboundAccount, IChannelMedia)?> MediaOfAsync(string accountId, OutboundAccounts accounts, ChannelRegistry channels,
        CancellationToken cancellationToken) =>
        await accounts.FindAsync(accountId, cancellationToken) is { } account && channels.Find(account.Channel)?.Media is { } media
            ? (account, media)
            : null;

    private static ProblemHttpResult UnknownAccount() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No active account with that id on a channel that carries media");

    private static ProblemHttpResult Refused(MediaRefused refusal) =>
        TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail,
            extensions: new Dictionary<string, object?> { ["providerCode"] = refusal.ProviderCode, ["providerStatus"] = refusal.ProviderStatus });
}
