using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Conecta.Channels.IntegrationTests.Telegram;

/// <summary>One part of a multipart/form-data body: its name, file name and type (a file's), and its content as text.</summary>
internal sealed record FormPart(string Name, string? FileName, string? ContentType, string Content);

/// <summary>Scripts the WireMock Bot API for one bot: its token is in every path, so each test's script is its own.</summary>
internal sealed class BotApiFake(WireMockServer server, TestBot bot)
{
    private readonly string _scenario = "bot-" + bot.Id;
    private int _step;

    public static string Sent(long messageId, string chat = TelegramBots.Chat) =>
        $$$"""{"ok":true,"result":{"message_id":{{{messageId}}},"from":{"id":1,"is_bot":true,"first_name":"Conecta"},"chat":{"id":{{{chat}}},"type":"private"},"date":1750000000,"text":"ok"}}""";

    public static string Error(int code, string description, int? retryAfter = null) =>
        $$"""{"ok":false,"error_code":{{code}},"description":"{{description}}"{{(retryAfter is { } s ? $$""","parameters":{"retry_after":{{s}}}""" : "")}}}""";

    public string PathOf(string method) => $"/bot{bot.Token}/{method}";

    /// <summary>Answers every call of the method alike.</summary>
    public BotApiFake Always(string method, int status, string body)
    {
        server.Given(Request.Create().WithPath(PathOf(method)).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        return this;
    }

    /// <summary>Answers the next call of the method this way, then moves on to the next scripted answer.</summary>
    public BotApiFake Then(string method, int status, string body)
    {
        var state = _step == 0 ? null : _step.ToString(CultureInfo.InvariantCulture);
        _step++;
        var request = server.Given(Request.Create().WithPath(PathOf(method)).UsingPost()).InScenario(_scenario);
        (state is null ? request : request.WhenStateIs(state))
            .WillSetStateTo(_step.ToString(CultureInfo.InvariantCulture))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        return this;
    }

    /// <summary>The JSON bodies of the calls of a method, in arrival order (uploads, multipart, are <see cref="MultipartCallsAsync"/>).</summary>
    public IReadOnlyList<JsonElement> Calls(string method) => Entries(method).Where(e => !IsMultipart(e))
        .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())
        .ToList();

    /// <summary>The multipart/form-data calls of a method (file uploads), each as its parts in order.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<FormPart>>> MultipartCallsAsync(string method)
    {
        var calls = new List<IReadOnlyList<FormPart>>();
        foreach (var entry in Entries(method).Where(IsMultipart))
        {
            var type = MediaTypeHeaderValue.Parse(entry.RequestMessage.Headers!["Content-Type"].ToString());
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value!;
            var body = entry.RequestMessage.BodyAsBytes ?? Encoding.UTF8.GetBytes(entry.RequestMessage.Body ?? "");
            var reader = new MultipartReader(boundary, new MemoryStream(body));
            var parts = new List<FormPart>();
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
                parts.Add(new FormPart(HeaderUtilities.RemoveQuotes(disposition.Name).Value!, HeaderUtilities.RemoveQuotes(disposition.FileName).Value,
                    section.ContentType, await new StreamReader(section.Body).ReadToEndAsync()));
            }
            calls.Add(parts);
        }
        return calls;
    }

    private static bool IsMultipart(WireMock.Logging.ILogEntry entry) =>
        entry.RequestMessage.Headers!.TryGetValue("Content-Type", out var type) && type.ToString().StartsWith("multipart/", StringComparison.Ordinal);

    public IReadOnlyList<DateTime> CallTimes(string method) => Entries(method).Select(e => e.RequestMessage.DateTime).ToList();

    /// <summary>Every call this bot made, whatever the method.</summary>
    public int AllCalls() => server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith($"/bot{bot.Token}/", StringComparison.Ordinal));

    private IEnumerable<WireMock.Logging.ILogEntry> Entries(string method) => server.LogEntries
        .Where(e => e.RequestMessage.Path == PathOf(method))
        .OrderBy(e => e.RequestMessage.DateTime);

    /// <summary>JSON as one canonical line, so expected bodies compare with what was sent.</summary>
    public static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    public static string Canonical(JsonElement json) => JsonSerializer.Serialize(json);
}
