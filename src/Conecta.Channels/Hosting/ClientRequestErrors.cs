using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Conecta.Channels.Hosting;

/// <summary>
/// A request the client broke — malformed JSON or a value of the wrong type, no body, a body that trickled in below
/// Kestrel's minimum data rate, cut short, or over a size limit — surfaces as a <see cref="BadHttpRequestException"/>
/// (endpoints throw on bad requests: see <see cref="ServiceDefaults"/>). It gets the 4xx Kestrel or the binder chose
/// (400, 408, 413, 415) as ProblemDetails saying what and where (malformed JSON: the field's path, line and position, the
/// field also as the key of <c>errors</c>), logged in one line at Information: it is the client's fault, not a 500.
/// </summary>
internal sealed partial class ClientRequestErrors(IProblemDetailsService problems, ILogger<ClientRequestErrors> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var problem = Describe(bad);
        LogClientError(logger, bad.StatusCode, context.Request.Method, context.Request.Path, problem.Detail ?? bad.Message);
        context.Response.StatusCode = bad.StatusCode;
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        return true;
    }

    /// <summary>What the client is told: for unreadable JSON, where it could not be read, keyed by the field (camelCase path).</summary>
    internal static ProblemDetails Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var at = json.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1})")
                : "";
            var reason = Reason(json.Message);
            var detail = $"The JSON body could not be read at {json.Path ?? "$"}{at}: {reason}";
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"Could not be read{at}: {reason}"] })
            {
                Status = bad.StatusCode,
                Title = "The request body is not valid JSON for this endpoint",
                Detail = detail,
            };
        }
        var missingBody = bad.Message.Contains("no body was provided", StringComparison.Ordinal);
        return new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "The request could not be read",
            Detail = missingBody ? "A JSON body is required (Content-Type: application/json)." : bad.Message,
        };
    }

    /// <summary>"$.components[0].type" → "components[0].type"; the body itself ("$" or no path) → "body".</summary>
    internal static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // System.Text.Json ends its message with " Path: $.x | LineNumber: 0 | BytePositionInLine: 3."; the position is told once, 1-based.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var reason = (cut < 0 ? message : message[..cut]).Trim();
        return reason.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal)
            ? "the value has the wrong type for this field."
            : reason;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client request refused with {StatusCode} ({Method} {Path}): {Reason}")]
    private static partial void LogClientError(ILogger logger, int statusCode, string method, PathString path, string reason);
}
