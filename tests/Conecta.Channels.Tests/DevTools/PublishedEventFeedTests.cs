using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.DevTools;

namespace Conecta.Channels.Tests.DevTools;

/// <summary>The dev event stream serializes through a source-generated context: a new event type must be registered there.</summary>
public sealed class PublishedEventFeedTests
{
    public static TheoryData<string> EventTypes => new(EventTypeNames());

    [Fact]
    public void Finds_the_known_events() =>
        Assert.Superset(new HashSet<string> { "InboundMessageReceived", "MessageStatusChanged", "TemplateStatusChanged",
            "ChannelAccountChanged", "ChannelNotificationReceived" }, EventTypeNames().ToHashSet());

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Describes_every_event_as_its_type_name_and_its_message(string typeName)
    {
        var type = typeof(InboundMessageReceived).Assembly.GetType($"{typeof(InboundMessageReceived).Namespace}.{typeName}")!;
        var instance = SampleOf(type);

        var json = PublishedEventFeed.Describe(instance);

        var described = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(typeName, (string?)described["messageType"]);
        var message = Assert.IsType<JsonObject>(described["message"]);
        if (type.GetProperty("EventId")?.GetValue(instance) is Guid eventId)
            Assert.Equal(eventId.ToString(), (string?)message["eventId"]);
    }

    /// <summary>A mapped event from the fixtures when one exists; otherwise a blank instance, which still proves registration.</summary>
    private static object SampleOf(Type type) =>
        Fixtures.WhatsAppWebhooks()
            .SelectMany(file => Fixtures.Map(file).Events)
            .Select(e => e.Message)
            .FirstOrDefault(m => m.GetType() == type)
        ?? RuntimeHelpers.GetUninitializedObject(type);

    // Top-level events are the sealed records of the events namespace named for what happened.
    private static IEnumerable<string> EventTypeNames() => typeof(InboundMessageReceived).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == typeof(InboundMessageReceived).Namespace && t.IsSealed && IsRecord(t)
            && (t.Name.EndsWith("Received", StringComparison.Ordinal) || t.Name.EndsWith("Changed", StringComparison.Ordinal)))
        .Select(t => t.Name)
        .Order(StringComparer.Ordinal);

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;
}
