using Microsoft.AspNetCore.Diagnostics;

namespace Conecta.Channels.Hosting;

/// <summary>
/// A request the client broke — its body trickled in below Kestrel's minimum data rate, cut short, or over a
/// size limit — surfaces as a <see cref="BadHttpRequestException"/> when the endpoint reads the body. It gets
/// the 4xx Kestrel chose (408, 400, 413) as ProblemDetails, logged at Information: it is the client's fault,
/// not a 500 and not an error line per slow client.
/// </summary>
internal sealed partial class ClientRequestErrors(IProblemDetailsService problems, ILogger<ClientRequestErrors> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        LogClientError(logger, bad.StatusCode, context.Request.Method, context.Request.Path, bad.Message);
        context.Response.StatusCode = bad.StatusCode;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read" },
        });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client request refused with {StatusCode} ({Method} {Path}): {Reason}")]
    private static partial void LogClientError(ILogger logger, int statusCode, string method, PathString path, string reason);
}
