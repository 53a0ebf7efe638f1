using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Conecta.Channels.IntegrationTests.Templates;

/// <summary>Meta's template endpoints of one WABA on the shared WireMock server; each test uses its own WABA id.</summary>
internal sealed class MetaStub(WireMockServer graph, string businessAccountId)
{
    public string Path => $"/v24.0/{businessAccountId}/message_templates";

    public MetaStub Answer(string method, int status, string body, string? afterCursor = null)
    {
        var request = Request.Create().WithPath(Path).UsingMethod(method);
        if (afterCursor is not null) request = request.WithParam("after", afterCursor);
        graph.Given(request).AtPriority(afterCursor is null ? 10 : 1)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        return this;
    }

    public List<ILogEntry> Requests(string method) =>
        graph.LogEntries.Where(e => e.RequestMessage.Path == Path && e.RequestMessage.Method == method).ToList();

    /// <summary>Compact, in the order written: comparing two of these compares the JSON exactly, property order included.</summary>
    public static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    /// <summary>One template as Meta's list shows it.</summary>
    public static string Listed(string id, string name, string status, string bodyText = "Seu código é {{1}}. Obrigado!") => $$$"""
        {"id":"{{{id}}}","name":"{{{name}}}","language":"pt_BR","status":"{{{status}}}","category":"UTILITY","parameter_format":"POSITIONAL",
         "quality_score":{"score":"GREEN"},
         "components":[{"type":"BODY","text":"{{{bodyText}}}","example":{"body_text":[["123"]]}}]}
        """;
}
