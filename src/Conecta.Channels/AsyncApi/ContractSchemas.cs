using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.DevTools;

namespace Conecta.Channels.AsyncApi;

/// <summary>
/// The JSON schema of each contract type, as the bus writes it: System.Text.Json's schema exporter over the options the
/// service serializes contracts with (camelCase, enums by name). A contract type used inside another is a
/// <c>$ref</c> to its own schema under <c>#/components/schemas</c>, so each type is described once.
/// </summary>
internal static class ContractSchemas
{
    public const string SchemasPointer = "#/components/schemas/";

    /// <summary>Every public type of the contracts assembly (records and enums), by name.</summary>
    public static readonly IReadOnlyList<Type> Types = typeof(InboundMessageReceived).Assembly.GetExportedTypes()
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The bus's serialization options, asked also to report what the records always carry (a constructor parameter without a
    /// default, a reference type not marked nullable) and to describe numbers as the bus writes them, never as strings.
    /// </summary>
    private static readonly JsonSerializerOptions Options = new(ContractsJsonContext.Default.Options)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static JsonObject For(Type type, ContractDocs docs)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(Options, type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context, node, docs),
        }).AsObject();
        var description = type.IsEnum ? EnumDescription(type, docs) : docs.Summary(type);
        return Described(OnlyNonNullRequired(schema), description);
    }

    /// <summary>
    /// Required: the members that are never null. A member that may be null is not: MassTransit's serializer leaves null
    /// members out, where the inbound publisher writes them as null.
    /// </summary>
    private static JsonObject OnlyNonNullRequired(JsonObject schema)
    {
        if (schema["required"] is not JsonArray required || schema["properties"] is not JsonObject properties) return schema;
        var always = required.Select(name => name!.GetValue<string>()).Where(name => !AllowsNull(properties[name])).ToList();
        schema["required"] = new JsonArray(always.Select(name => (JsonNode)name).ToArray());
        return schema;
    }

    private static bool AllowsNull(JsonNode? property) => property switch
    {
        JsonObject { } node when node["type"] is JsonArray types => types.Any(t => t?.GetValue<string>() == "null"),
        JsonObject { } node when node["oneOf"] is JsonArray choices => choices.Any(c => c?["type"]?.GetValue<string>() == "null"),
        _ => false,
    };

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, ContractDocs docs)
    {
        var description = context.PropertyInfo is { AttributeProvider: MemberInfo member } property
            ? docs.Property(property.DeclaringType, member.Name)
            : null;
        if (context.Path.IsEmpty) return node;
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (type.Assembly == typeof(InboundMessageReceived).Assembly) node = Reference(type, node);
        return description is null ? node : Described(node.AsObject(), description);
    }

    /// <summary>A contract type inside another: a reference to its schema, with null allowed where the member allows it.</summary>
    private static JsonObject Reference(Type type, JsonNode node)
    {
        var reference = new JsonObject { ["$ref"] = SchemasPointer + type.Name };
        var nullable = AllowsNull(node) || node is JsonObject { } withEnum && withEnum["enum"] is JsonArray values && values.Any(v => v is null);
        return nullable ? new JsonObject { ["oneOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
    }

    /// <summary>The node with its description first (a bare reference is wrapped: keywords beside $ref are ignored in draft-07).</summary>
    private static JsonObject Described(JsonObject node, string? description)
    {
        if (description is null) return node;
        if (node.ContainsKey("$ref")) node = new JsonObject { ["allOf"] = new JsonArray(node) };
        var described = new JsonObject { ["description"] = description };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            described[key] = value;
        }
        return described;
    }

    private static string? EnumDescription(Type type, ContractDocs docs)
    {
        var members = Enum.GetNames(type).Select(name => docs.EnumMember(type, name) is { } text ? $"{name}: {text}" : name);
        return string.Join("\n", new[] { docs.Summary(type) }.Concat(members).Where(line => line is not null));
    }
}
