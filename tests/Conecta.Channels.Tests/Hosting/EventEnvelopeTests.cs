using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Hosting;

/// <summary>The inbound publisher writes MassTransit's envelope itself: what a MassTransit consumer reads must not change.</summary>
public sealed class EventEnvelopeTests
{
    // What MassTransit's bus writes, as the service configures it (BusSetup): camelCase, enums by name, UTF-8 text.
    private static readonly JsonSerializerOptions MassTransitBus = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly DateTimeOffset Now = new(2026, 12, 4, 18, 30, 0, TimeSpan.Zero);

    public static TheoryData<string> FixtureEvents => new(Fixtures.WhatsAppWebhooks()
        .SelectMany(file => Fixtures.Map(file).Events.Select((_, i) => $"{file}#{i}")));

    [Theory]
    [MemberData(nameof(FixtureEvents))]
    public void Carries_every_recorded_event_as_the_bus_would_with_its_id_type_and_time(string fixtureEvent)
    {
        var (file, index) = (fixtureEvent[..fixtureEvent.LastIndexOf('#')], int.Parse(fixtureEvent[(fixtureEvent.LastIndexOf('#') + 1)..]));
        var inbound = Fixtures.Map(file).Events[index];

        var envelope = Write(inbound.Message, inbound.EventId);

        Assert.Equal(inbound.EventId, envelope["messageId"]!.GetValue<Guid>());
        Assert.Equal($"urn:message:Conecta.Channels.Contracts.Events:{inbound.Message.GetType().Name}", Assert.Single(envelope["messageType"]!.AsArray())!.GetValue<string>());
        Assert.Equal(Now, envelope["sentTime"]!.GetValue<DateTimeOffset>());
        var expected = JsonSerializer.SerializeToNode(inbound.Message, inbound.Message.GetType(), MassTransitBus);
        Assert.True(JsonNode.DeepEquals(expected, envelope["message"]), $"differs from the bus's JSON: {envelope["message"]}");
    }

    [Fact]
    public void Is_compact_and_keeps_portuguese_as_utf8()
    {
        var message = new ChannelNotificationReceived(Guid.NewGuid(), "whatsapp", "waba", "123", "user_preferences", "{\"text\":\"Olá, não\"}");
        var bytes = new ArrayBufferWriter<byte>();
        new EventEnvelope(new FakeTimeProvider(Now)).Write(bytes, message, message.EventId);

        var json = Encoding.UTF8.GetString(bytes.WrittenSpan);
        Assert.DoesNotContain('\n', json);
        Assert.Contains("Olá, não", json, StringComparison.Ordinal);
        Assert.StartsWith("{\"messageId\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Declares_an_exchange_for_every_event_contract()
    {
        Assert.Equal(["ActiveContactStarted", "BusinessMessageEchoed", "ChannelAccountChanged", "ChannelNotificationReceived", "ContactIdentityChanged", "InboundMessageReceived", "MarketingPreferenceChanged", "MessageAccepted",
                "MessageRejected", "MessageStatusChanged", "SessionClosed", "SessionQueued", "SessionWindowExpired", "TemplateStatusChanged",
                "TypingUnlocked"],
            RabbitMqEventPublisher.EventTypes.Select(t => t.Name));
        Assert.Equal("Conecta.Channels.Contracts.Events:SessionQueued", EventEnvelope.EntityName(typeof(SessionQueued)));
    }

    private static JsonObject Write(object message, Guid messageId)
    {
        var bytes = new ArrayBufferWriter<byte>();
        new EventEnvelope(new FakeTimeProvider(Now)).Write(bytes, message, messageId);
        return JsonNode.Parse(bytes.WrittenSpan)!.AsObject();
    }
}
