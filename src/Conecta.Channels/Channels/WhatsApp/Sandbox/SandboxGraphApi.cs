using Conecta.Channels.Channels.WhatsApp.Graph;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>
/// A stand-in for POST /{version}/{phone-number-id}/messages: answers like Meta (a wamid, the
/// wa_id), then has <see cref="SandboxStatuses"/> post sent, delivered and read back to our webhook.
/// </summary>
internal static class SandboxGraphApi
{
    public const string BasePath = "/sandbox/graph";

    public static IEndpointRouteBuilder MapSandboxGraph(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled)
            app.MapPost(BasePath + "/{version}/{phoneNumberId}/messages", Send).ExcludeFromDescription();
        return app;
    }

    internal static async Task<Results<JsonHttpResult<GraphSendResponse>, JsonHttpResult<GraphErrorResponse>>> Send(string phoneNumberId, HttpRequest request, SandboxStatuses statuses,
        IOptions<SandboxOptions> options, CancellationToken cancellationToken)
    {
        var message = await request.ReadFromJsonAsync(GraphJsonContext.Default.GraphMessage, cancellationToken);
        if (message is null) return Refuse(100, "Invalid parameter", StatusCodes.Status400BadRequest);
        if (options.Value.FailWithCode is { } code && Random.Shared.NextDouble() < options.Value.FailureRate)
            return Refuse(code, "Sandbox failure (Sandbox:FailWithCode)",
                GraphErrors.Classify(code, 400).Retryable ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest);

        if (message.Status == "read")
            return TypedResults.Json(new GraphSendResponse(null, null, true), GraphJsonContext.Default.GraphSendResponse);

        var wamid = "wamid.sandbox." + Guid.NewGuid().ToString("N");
        var recipient = message.To ?? message.Recipient ?? "";
        statuses.Schedule(new SandboxSend(phoneNumberId, wamid, recipient, message.BizOpaqueCallbackData));
        return TypedResults.Json(new GraphSendResponse([new GraphSentContact(recipient, message.To)], [new GraphSentMessage(wamid, null)], null),
            GraphJsonContext.Default.GraphSendResponse);
    }

    private static JsonHttpResult<GraphErrorResponse> Refuse(int code, string message, int status) =>
        TypedResults.Json(new GraphErrorResponse(new GraphError(message, "OAuthException", code, null, new GraphErrorData(message), "sandbox")),
            GraphJsonContext.Default.GraphErrorResponse, statusCode: status);
}
