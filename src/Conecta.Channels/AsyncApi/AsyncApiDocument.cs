using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Hosting;
using Conecta.Channels.Outbound;
using Conecta.Channels.Sessions;
using Conecta.Channels.Templates;
using MassTransit;

namespace Conecta.Channels.AsyncApi;

/// <summary>
/// The AsyncAPI 3.0 document of the bus: every command and event, the exchanges and queues the service declares for them,
/// what the service receives and what it sends, and each message's JSON schema inside MassTransit's envelope. Built from
/// the code itself: the contract records, the consumers' queues and the event queue option.
/// </summary>
internal static class AsyncApiDocument
{
    public const string Route = "/asyncapi/v1.json";
    private const string EnvelopeSchema = "MassTransitEnvelope";
    private const string AmqpBindingVersion = "0.3.0";

    /// <summary>Every command: the records of the contracts' Commands namespace that carry a CommandId.</summary>
    public static readonly IReadOnlyList<Type> CommandTypes = ContractSchemas.Types
        .Where(t => t.Namespace == typeof(SendText).Namespace && t.GetProperty(nameof(SendText.CommandId)) is not null)
        .ToList();

    /// <summary>The queues the service consumes from, each with the consumer that reads it and what it is for.</summary>
    private static readonly IReadOnlyList<(string Queue, Type Consumer, string Description)> ConsumedQueues =
    [
        (OutboundCommandsConsumerDefinition.QueueName, typeof(OutboundCommandsConsumer),
            "The outbound commands' queue (durable; MassTransit binds the command exchanges to an exchange of the queue's name, and that to the queue). " +
            "Each command gets exactly one outcome, MessageAccepted or MessageRejected with its CommandId. A command whose retries " +
            "ran out moves to conecta-outbound_error and is answered from conecta-outbound-given-up (MassTransit's Fault)."),
        (ConversationCommandsConsumerDefinition.QueueName, typeof(ConversationCommandsConsumer),
            "The session commands' queue (durable, bound like conecta-outbound): start an active contact, announce an agent, end a session."),
        (DefaultEndpointNameFormatter.Instance.Consumer<ChannelAccountChangedConsumer>(), typeof(ChannelAccountChangedConsumer),
            "The service's own: it keeps each account's quality rating and messaging tier from the ChannelAccountChanged it publishes."),
        (DefaultEndpointNameFormatter.Instance.Consumer<TemplateStatusChangedConsumer>(), typeof(TemplateStatusChangedConsumer),
            "The service's own: it keeps each template's status from the TemplateStatusChanged it publishes."),
    ];

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Descriptions in pt-BR and with typographic quotes stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as the service serves it and docs/asyncapi.json holds it: two-space indents, a final newline.</summary>
    public static string Json(EventsOptions events, ContractDocs docs) => Build(events, docs).ToJsonString(Indented) + "\n";

    public static JsonObject Build(EventsOptions events, ContractDocs docs)
    {
        var messages = new JsonObject();
        var channels = new JsonObject();
        var operations = new JsonObject();
        var eventQueues = events.Queue is { Length: > 0 } queue ? new[] { queue } : [];
        foreach (var type in CommandTypes)
        {
            messages[type.Name] = Message(type, docs);
            channels[type.Name] = ExchangeChannel(type, Consumers(type));
        }
        foreach (var type in RabbitMqEventPublisher.EventTypes)
        {
            messages[type.Name] = Message(type, docs);
            channels[type.Name] = ExchangeChannel(type, [.. eventQueues, .. Consumers(type)]);
        }
        foreach (var type in CommandTypes)
            operations["receive" + type.Name] = Operation("receive", type, docs,
                $"Published by the core platform (MassTransit: Publish) to its exchange; consumed from {string.Join(" and ", Consumers(type))}.");
        foreach (var type in RabbitMqEventPublisher.EventTypes)
            operations["send" + type.Name] = Operation("send", type, docs,
                "Published to its exchange with publisher confirms, persistent; the transport MessageId is the EventId.");
        foreach (var (consumed, consumer, description) in ConsumedQueues)
            channels[QueueChannelKey(consumed)] = QueueChannel(consumed, description, Consumed(consumer));
        foreach (var eventQueue in eventQueues)
            channels[QueueChannelKey(eventQueue)] = QueueChannel(eventQueue,
                "The event queue (Events__Queue), declared at start and bound to every event exchange before the first publish, so an " +
                "event is kept even when no consumer was deployed yet. The core platform's receive endpoint reads it.",
                RabbitMqEventPublisher.EventTypes);

        var schemas = new JsonObject { [EnvelopeSchema] = Envelope() };
        foreach (var type in ContractSchemas.Types) schemas[type.Name] = ContractSchemas.For(type, docs);

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Conecta.Channels bus",
                ["version"] = ContractsVersion(),
                ["description"] = "The commands the core platform sends to the channel service and the events the service publishes, on " +
                                  "RabbitMQ through MassTransit: one durable fanout exchange per message type, named after the contract " +
                                  "type. The contracts are the NuGet package Conecta.Channels.Contracts of the same version; within a " +
                                  "major version changes are additive only.",
            },
            ["defaultContentType"] = EventEnvelope.ContentType,
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject
                {
                    ["host"] = "{host}:{port}",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "The broker of ConnectionStrings__RabbitMq.",
                    ["variables"] = new JsonObject
                    {
                        ["host"] = new JsonObject { ["default"] = "localhost" },
                        ["port"] = new JsonObject { ["default"] = "5672" },
                    },
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["schemas"] = schemas, ["messages"] = messages },
        };
    }

    /// <summary>A queue's channel: "queue." and its name (an exchange's channel is its message type's name).</summary>
    public static string QueueChannelKey(string queue) => "queue." + queue;

    /// <summary>The contracts' version as major.minor.patch (the package version, without build metadata).</summary>
    private static string ContractsVersion() => typeof(SendText).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    private static List<string> Consumers(Type message) =>
        ConsumedQueues.Where(q => Consumed(q.Consumer).Contains(message)).Select(q => q.Queue).ToList();

    /// <summary>The message types a consumer implements IConsumer&lt;T&gt; for.</summary>
    private static List<Type> Consumed(Type consumer) => consumer.GetInterfaces()
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
        .Select(i => i.GetGenericArguments()[0])
        .Where(t => t.Assembly == typeof(SendText).Assembly)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    private static JsonObject ExchangeChannel(Type type, List<string> queues)
    {
        var name = EventEnvelope.EntityName(type);
        var bound = queues.Count switch
        {
            0 => "",
            1 => $" Bound to the queue {queues[0]}.",
            _ => $" Bound to the queues {string.Join(" and ", queues)}.",
        };
        return new JsonObject
        {
            ["address"] = name,
            ["title"] = type.Name,
            ["description"] = $"MassTransit's exchange for {type.Name}: durable, fanout, named after the contract type.{bound}",
            ["messages"] = new JsonObject { [type.Name] = Reference("#/components/messages/" + type.Name) },
            ["bindings"] = new JsonObject
            {
                ["amqp"] = new JsonObject
                {
                    ["is"] = "routingKey",
                    ["exchange"] = new JsonObject { ["name"] = name, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                    ["bindingVersion"] = AmqpBindingVersion,
                },
            },
        };
    }

    private static JsonObject QueueChannel(string queue, string description, IEnumerable<Type> types)
    {
        var messages = new JsonObject();
        foreach (var type in types) messages[type.Name] = Reference("#/components/messages/" + type.Name);
        return new JsonObject
        {
            ["address"] = queue,
            ["title"] = queue,
            ["description"] = description,
            ["messages"] = messages,
            ["bindings"] = new JsonObject
            {
                ["amqp"] = new JsonObject
                {
                    ["is"] = "queue",
                    ["queue"] = new JsonObject { ["name"] = queue, ["durable"] = true, ["exclusive"] = false, ["autoDelete"] = false, ["vhost"] = "/" },
                    ["bindingVersion"] = AmqpBindingVersion,
                },
            },
        };
    }

    private static JsonObject Operation(string action, Type type, ContractDocs docs, string description)
    {
        var operation = Summarized(new JsonObject { ["action"] = action, ["channel"] = Reference("#/channels/" + type.Name), ["title"] = type.Name },
            docs.Summary(type));
        operation["description"] = description;
        operation["messages"] = new JsonArray(Reference($"#/channels/{type.Name}/messages/{type.Name}"));
        if (action == "send")
            operation["bindings"] = new JsonObject { ["amqp"] = new JsonObject { ["deliveryMode"] = 2, ["bindingVersion"] = AmqpBindingVersion } };
        return operation;
    }

    /// <summary>A message: the contract inside MassTransit's envelope, whose messageType names the contract.</summary>
    private static JsonObject Message(Type type, ContractDocs docs)
    {
        var message = Summarized(new JsonObject { ["name"] = type.Name, ["title"] = type.Name }, docs.Summary(type));
        message["contentType"] = EventEnvelope.ContentType;
        message["payload"] = new JsonObject
        {
            ["allOf"] = new JsonArray(
                Reference(ContractSchemas.SchemasPointer + EnvelopeSchema),
                new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["messageType"] = new JsonObject { ["type"] = "array", ["contains"] = new JsonObject { ["const"] = "urn:message:" + EventEnvelope.EntityName(type) } },
                        ["message"] = Reference(ContractSchemas.SchemasPointer + type.Name),
                    },
                }),
        };
        return message;
    }

    /// <summary>The object with the contract's summary, when its documentation has one.</summary>
    private static JsonObject Summarized(JsonObject node, string? summary)
    {
        if (summary is not null) node["summary"] = summary;
        return node;
    }

    /// <summary>MassTransit's JSON envelope (application/vnd.masstransit+json), described once: every message travels in it.</summary>
    private static JsonObject Envelope()
    {
        static JsonObject Text(string description, string? format = null)
        {
            var node = new JsonObject { ["type"] = new JsonArray("string", "null"), ["description"] = description };
            if (format is not null) node["format"] = format;
            return node;
        }
        return new JsonObject
        {
            ["description"] = "MassTransit's envelope around every message. The service's own inbound publisher writes only messageId, " +
                              "messageType, sentTime and message; messages MassTransit publishes carry the other fields too. A consumer " +
                              "reads the contract from message, and deduplicates on messageId (an event's EventId).",
            ["type"] = "object",
            ["required"] = new JsonArray("messageType", "message"),
            ["properties"] = new JsonObject
            {
                ["messageId"] = Text("The transport message id; for events the EventId.", "uuid"),
                ["requestId"] = Text("MassTransit request id.", "uuid"),
                ["correlationId"] = Text("MassTransit correlation id.", "uuid"),
                ["conversationId"] = Text("MassTransit conversation id.", "uuid"),
                ["initiatorId"] = Text("The message that caused this one, when MassTransit knows it.", "uuid"),
                ["sourceAddress"] = Text("The endpoint that sent it."),
                ["destinationAddress"] = Text("The exchange it was published to."),
                ["responseAddress"] = Text("Where a response goes (unused by these contracts)."),
                ["faultAddress"] = Text("Where a fault goes (unused by these contracts)."),
                ["messageType"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "The message's type names, \"urn:message:Namespace:Type\"; the first is the contract.",
                    ["items"] = new JsonObject { ["type"] = "string" },
                },
                ["message"] = new JsonObject { ["type"] = "object", ["description"] = "The contract record, camelCase, enums by name." },
                ["expirationTime"] = Text("When the message expires, if ever.", "date-time"),
                ["sentTime"] = Text("When it was sent.", "date-time"),
                ["headers"] = new JsonObject { ["type"] = new JsonArray("object", "null"), ["description"] = "MassTransit headers." },
                ["host"] = new JsonObject { ["type"] = new JsonArray("object", "null"), ["description"] = "The sending host's description." },
            },
        };
    }

    private static JsonObject Reference(string pointer) => new() { ["$ref"] = pointer };
}
