using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.AsyncApi;

internal static class AsyncApiApi
{
    /// <summary>GET /asyncapi/v1.json: the bus's AsyncAPI 3.0 document (docs/asyncapi.json holds the same, as built), a reference like OpenAPI's.</summary>
    public static IEndpointRouteBuilder MapAsyncApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(AsyncApiDocument.Route, Document).WithTags("Contracts")
            .WithSummary("The AsyncAPI 3.0 document of every bus command and event: exchanges, queues, operations and message schemas")
            .AsReference(app);
        return app;
    }

    internal static ContentHttpResult Document(IOptions<EventsOptions> events) =>
        TypedResults.Text(AsyncApiDocument.Json(events.Value, ContractDocs.Contracts), "application/json");
}
