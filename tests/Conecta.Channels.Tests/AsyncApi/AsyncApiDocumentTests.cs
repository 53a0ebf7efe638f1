using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conecta.Channels.AsyncApi;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Hosting;
using Json.Schema;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.AsyncApi;

/// <summary>The AsyncAPI document: every contract in it, valid AsyncAPI 3.0, and its schemas true of what the bus writes.</summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly JsonObject Document = AsyncApiDocument.Build(new EventsOptions(), ContractDocs.Contracts);

    /// <summary>The official schema, in a registry of its own: it bundles a copy of draft-07's metaschema, which the global one holds.</summary>
    private static readonly Lazy<JsonSchema> AsyncApiSchema = new(() =>
        JsonSchema.FromFile(RepositoryFiles.AsyncApiSchema(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>
    /// The messages, found without the document's own rule: every public record of the contracts that no other contract
    /// holds as a member (a part such as TemplateComponent or MediaContent is held by a message).
    /// </summary>
    public static TheoryData<string> Messages()
    {
        var types = typeof(SendText).Assembly.GetExportedTypes();
        var parts = types.SelectMany(t => t.GetProperties()).Select(p => p.PropertyType)
            .SelectMany(t => t.IsGenericType ? t.GetGenericArguments() : [t]).Select(t => Nullable.GetUnderlyingType(t) ?? t).ToHashSet();
        return new TheoryData<string>(types.Where(t => !t.IsEnum && !parts.Contains(t)).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> ContractTypes() =>
        new(typeof(SendText).Assembly.GetExportedTypes().Select(t => t.Name).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_has_its_exchange_an_operation_and_a_message_with_the_envelope(string name)
    {
        var type = typeof(SendText).Assembly.GetExportedTypes().Single(t => t.Name == name);
        var isCommand = type.Namespace == typeof(SendText).Namespace;

        var channel = Document["channels"]![name]!;
        Assert.Equal($"{type.Namespace}:{name}", channel["address"]!.GetValue<string>());
        Assert.Equal("fanout", channel["bindings"]!["amqp"]!["exchange"]!["type"]!.GetValue<string>());
        var operation = Document["operations"]![(isCommand ? "receive" : "send") + name]!;
        Assert.Equal(isCommand ? "receive" : "send", operation["action"]!.GetValue<string>());
        Assert.Equal("#/channels/" + name, operation["channel"]!["$ref"]!.GetValue<string>());
        var payload = Document["components"]!["messages"]![name]!["payload"]!["allOf"]!.AsArray();
        Assert.Equal("#/components/schemas/MassTransitEnvelope", payload[0]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/" + name, payload[1]!["properties"]!["message"]!["$ref"]!.GetValue<string>());
        Assert.Equal($"urn:message:{type.Namespace}:{name}", payload[1]!["properties"]!["messageType"]!["contains"]!["const"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void Every_contract_type_has_a_schema_with_its_documentation(string name)
    {
        var schema = Document["components"]!["schemas"]![name];

        Assert.NotNull(schema);
        Assert.False(string.IsNullOrWhiteSpace(schema["description"]?.GetValue<string>()), $"{name} has no description");
    }

    [Theory]
    [InlineData(nameof(SendText), "conecta-outbound")]
    [InlineData(nameof(SendMedia), "conecta-outbound")]
    [InlineData(nameof(SendTemplate), "conecta-outbound")]
    [InlineData(nameof(MarkAsRead), "conecta-outbound")]
    [InlineData(nameof(StartActiveContact), "conecta-sessions")]
    [InlineData(nameof(NotifyParticipantChange), "conecta-sessions")]
    [InlineData(nameof(EndSession), "conecta-sessions")]
    [InlineData(nameof(InboundMessageReceived), "conecta-events")]
    [InlineData(nameof(SessionClosed), "conecta-events")]
    [InlineData(nameof(ChannelAccountChanged), "conecta-events")]
    [InlineData(nameof(ChannelAccountChanged), "ChannelAccountChanged")]
    [InlineData(nameof(TemplateStatusChanged), "TemplateStatusChanged")]
    public void A_queue_channel_lists_the_messages_bound_to_it(string message, string queue)
    {
        var channel = Document["channels"]![AsyncApiDocument.QueueChannelKey(queue)]!;

        Assert.Equal(queue, channel["address"]!.GetValue<string>());
        Assert.Equal("queue", channel["bindings"]!["amqp"]!["is"]!.GetValue<string>());
        Assert.True(channel["bindings"]!["amqp"]!["queue"]!["durable"]!.GetValue<bool>());
        Assert.NotNull(channel["messages"]![message]);
    }

    [Fact]
    public void The_event_queue_is_the_configured_one_and_none_when_it_is_off()
    {
        var renamed = AsyncApiDocument.Build(new EventsOptions { Queue = "plataforma-eventos" }, ContractDocs.Contracts);
        var off = AsyncApiDocument.Build(new EventsOptions { Queue = "" }, ContractDocs.Contracts);

        Assert.Equal(15, renamed["channels"]![AsyncApiDocument.QueueChannelKey("plataforma-eventos")]!["messages"]!.AsObject().Count);
        Assert.Null(renamed["channels"]![AsyncApiDocument.QueueChannelKey("conecta-events")]);
        Assert.DoesNotContain(off["channels"]!.AsObject(), c => c.Key.EndsWith("events", StringComparison.Ordinal));
    }

    [Fact]
    public void Validates_against_the_AsyncAPI_3_0_0_schema()
    {
        var result = AsyncApiSchema.Value.Evaluate(JsonDocument.Parse(Document.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", Failures(result).Take(20)));
    }

    [Fact]
    public void The_AsyncAPI_schema_refuses_a_document_that_breaks_it()
    {
        var broken = JsonNode.Parse(Document.ToJsonString())!;
        broken["operations"]!["receiveSendText"]!["action"] = "publish"; // AsyncAPI 2's verb, not 3's

        var result = AsyncApiSchema.Value.Evaluate(JsonDocument.Parse(broken.ToJsonString()).RootElement);

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Every_reference_points_into_the_document()
    {
        var references = References(Document).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, pointer => Assert.True(Resolve(Document, pointer) is not null, $"{pointer} points nowhere"));
    }

    [Fact]
    public void Every_operation_sends_or_receives_messages_of_its_own_channel()
    {
        var operations = Document["operations"]!.AsObject();

        Assert.Equal(27, operations.Count);
        Assert.All(operations, operation =>
        {
            var channel = operation.Value!["channel"]!["$ref"]!.GetValue<string>();
            Assert.All(operation.Value!["messages"]!.AsArray(),
                message => Assert.StartsWith(channel + "/messages/", message!["$ref"]!.GetValue<string>(), StringComparison.Ordinal));
        });
    }

    /// <summary>Every recorded webhook's events and one of every other message, as the bus writes them, in the envelope.</summary>
    public static TheoryData<string> BusMessages() => new(Samples().Keys);

    [Theory]
    [MemberData(nameof(BusMessages))]
    public void The_message_schema_accepts_what_the_bus_writes(string sample)
    {
        var message = Samples()[sample];

        var result = PayloadSchema(message.GetType().Name).Evaluate(JsonDocument.Parse(PublishedEnvelope(message)).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", Failures(result).Take(20)));
    }

    [Fact]
    public void A_message_schema_refuses_a_wrong_type_and_a_missing_member()
    {
        var schema = PayloadSchema(nameof(MessageRejected));
        var rejected = JsonNode.Parse(PublishedEnvelope(Samples()["MessageRejected"]))!;
        rejected["message"]!["reason"] = "NoSuchReason";
        var accepted = JsonNode.Parse(PublishedEnvelope(Samples()["MessageAccepted"]))!;
        accepted["message"]!.AsObject().Remove("providerMessageId");

        Assert.False(schema.Evaluate(JsonDocument.Parse(rejected.ToJsonString()).RootElement).IsValid);
        Assert.False(PayloadSchema(nameof(MessageAccepted)).Evaluate(JsonDocument.Parse(accepted.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public void The_committed_docs_asyncapi_json_is_the_document_the_code_builds()
    {
        var committed = File.ReadAllText(RepositoryFiles.AsyncApiDocument);

        Assert.True(committed == AsyncApiDocument.Json(new EventsOptions(), ContractDocs.Contracts),
            "docs/asyncapi.json is not what the code builds: build tools/Conecta.Channels.AsyncApi (the solution's build does) and commit it.");
    }

    /// <summary>The message as the inbound publisher puts it on the wire: in MassTransit's envelope, as the bus serializes it.</summary>
    private static string PublishedEnvelope(object message)
    {
        var envelope = new ArrayBufferWriter<byte>();
        new EventEnvelope(new FakeTimeProvider()).Write(envelope, message, Guid.NewGuid());
        return System.Text.Encoding.UTF8.GetString(envelope.WrittenSpan);
    }

    /// <summary>A draft-07 schema of one message's payload, its references resolved inside the whole document.</summary>
    private static JsonSchema PayloadSchema(string message)
    {
        var wrapper = JsonNode.Parse(Document.ToJsonString())!.AsObject();
        wrapper["$schema"] = "http://json-schema.org/draft-07/schema#";
        wrapper["$id"] = $"urn:conecta:asyncapi:{message}";
        wrapper["definitions"] = new JsonObject { ["payload"] = wrapper["components"]!["messages"]![message]!["payload"]!.DeepClone() };
        var schemas = wrapper["components"]!["schemas"]!.DeepClone();
        foreach (var key in wrapper.Select(p => p.Key).ToList()) if (key is not ("$schema" or "$id" or "definitions")) wrapper.Remove(key);
        wrapper["components"] = new JsonObject { ["schemas"] = schemas };
        wrapper["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/payload" });
        return JsonSchema.FromText(wrapper.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private static Dictionary<string, object> Samples()
    {
        var samples = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var file in Fixtures.WhatsAppWebhooks())
        foreach (var (e, i) in Fixtures.Map(file).Events.Select((e, i) => (e, i)))
            samples[$"{e.Message.GetType().Name} ({file}#{i})"] = e.Message;
        var (id, at) = (Guid.Parse("6f1c3c3e-2b1d-4c55-9a4e-0a1b2c3d4e5f"), new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var body = new TemplateComponent("body", [new TemplateParameter("text", "Maria")]);
        object[] others =
        [
            new SendText(id, "1122334455667", "5531988887777", "Oi Maria"),
            new SendMedia(id, "1122334455667", "5531988887777", "image", Link: "https://example.test/a.png", Caption: "boleto"),
            new SendTemplate(id, "1122334455667", "5531988887777", "retomar_contato", "pt_BR", [body]),
            new MarkAsRead(id, "1122334455667", "wamid.1", ShowTyping: true),
            new StartActiveContact(id, "1122334455667", "5531988887777", "ana", "vendas", "retomar_contato", "pt_BR", [body]),
            new NotifyParticipantChange(id, "1122334455667", "5531988887777", "Bruno", Joined: true),
            new EndSession(id, "1122334455667", "5531988887777"),
            new MessageAccepted(id, id, "whatsapp", "1122334455667", "5531988887777", "wamid.1", null, at),
            new MessageRejected(id, id, null, "1122334455667", null, RejectionReason.TypingLocked, false, null, null, "typing locked", at),
            new ActiveContactStarted(id, "1122334455667", "5531988887777", id, id, "ana", "vendas", "wamid.1", at),
            new TypingUnlocked(id, "1122334455667", "5531988887777", id, "ana", "wamid.2", at, at.AddHours(24)),
            new SessionQueued(id, "1122334455667", "5531988887777", id, "vendas", "ana", "wamid.2", "Sim", at.AddHours(24)),
            new SessionWindowExpired(id, "1122334455667", "5531988887777", id, at),
            new SessionClosed(id, "1122334455667", "5531988887777", id, id, at),
        ];
        foreach (var message in others) samples[message.GetType().Name] = message;
        return samples;
    }

    private static IEnumerable<string> Failures(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"));

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>()] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };

    private static JsonNode? Resolve(JsonNode root, string pointer)
    {
        if (!pointer.StartsWith("#/", StringComparison.Ordinal)) return null;
        var node = (JsonNode?)root;
        foreach (var token in pointer[2..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")))
            node = node is JsonObject o ? o[token] : null;
        return node;
    }
}
