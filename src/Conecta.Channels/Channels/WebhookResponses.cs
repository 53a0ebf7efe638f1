using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Channels;

/// <summary>Answers every channel's webhook gives alike.</summary>
internal static class WebhookResponses
{
    /// <summary>Nothing was lost, but not all of it is durable: the provider must send it again.</summary>
    public static ProblemHttpResult Unavailable(HttpContext context)
    {
        // Providers retry any non-2xx; Retry-After is a hint for other callers and for load balancers.
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Events could not be made durable; retry later");
    }
}
