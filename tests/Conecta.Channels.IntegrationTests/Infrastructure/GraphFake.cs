using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>Scripts the WireMock Graph API for one business number: each test uses its own number, so scripts never mix.</summary>
/// <param name="edge">The edge scripted: messages, or the Marketing Messages API's marketing_messages.</param>
internal sealed class GraphFake(WireMockServer server, string phoneNumberId, string edge = "messages")
{
    private readonly string _path = $"/v24.0/{phoneNumberId}/{edge}";
    private readonly string _scenario = $"graph-{phoneNumberId}-{edge}";
    private int _step;

    public static string Accepted(string wamid, string waId) =>
        $$$"""{"messaging_product":"whatsapp","contacts":[{"input":"{{{waId}}}","wa_id":"{{{waId}}}"}],"messages":[{"id":"{{{wamid}}}"}]}""";

    public static string Error(int code, string message = "error") =>
        $$$"""{"error":{"message":"{{{message}}}","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"{{{message}}}"},"fbtrace_id":"Axyz"}}""";

    /// <summary>Answers every send alike.</summary>
    public GraphFake Always(Func<IResponseBuilder, IResponseBuilder> response)
    {
        server.Given(Request.Create().WithPath(_path).UsingPost()).RespondWith(response(Response.Create()));
        return this;
    }

    /// <summary>Answers the next send this way, then moves on to the next scripted answer.</summary>
    public GraphFake Then(Func<IResponseBuilder, IResponseBuilder> response)
    {
        var state = _step == 0 ? null : _step.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _step++;
        var request = server.Given(Request.Create().WithPath(_path).UsingPost()).InScenario(_scenario);
        (state is null ? request : request.WhenStateIs(state))
            .WillSetStateTo(_step.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .RespondWith(response(Response.Create()));
        return this;
    }

    /// <summary>The raw bodies of the sends this number received on the edge, in arrival order: what went over the wire.</summary>
    public IReadOnlyList<string> RawSends() => server.LogEntries
        .Where(e => e.RequestMessage.Path == _path)
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => e.RequestMessage.Body!)
        .ToList();

    /// <summary>The bodies of the sends this number received, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Sends() => server.LogEntries
        .Where(e => e.RequestMessage.Path == _path)
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())
        .ToList();

    public IReadOnlyList<DateTime> SendTimes() => server.LogEntries
        .Where(e => e.RequestMessage.Path == _path)
        .Select(e => e.RequestMessage.DateTime)
        .Order()
        .ToList();

    public IReadOnlyList<string> AuthorizationHeaders() => server.LogEntries
        .Where(e => e.RequestMessage.Path == _path)
        .Select(e => e.RequestMessage.Headers!["Authorization"].ToString())
        .ToList();
}
