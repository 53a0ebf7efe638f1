using System.Text;
using System.Text.Json.Nodes;
using Conecta.Channels.Channels.WhatsApp;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>Maps a webhook body and hands back its events, failing on any problem unless the test expects one.</summary>
internal static class Mapped
{
    public static MappedWebhook Body(string json) => WebhookMapper.Map(Encoding.UTF8.GetBytes(json), Fixtures.ReceivedAt);

    public static IReadOnlyList<object> Events(MappedWebhook mapped)
    {
        Assert.Empty(mapped.Problems);
        return mapped.Events.Select(e => e.Message).ToList();
    }

    public static T Single<T>(MappedWebhook mapped) where T : class => Assert.IsType<T>(Assert.Single(Events(mapped)));

    public static T Single<T>(string fixture) where T : class => Single<T>(Fixtures.Map(fixture));

    public static T SingleFromJson<T>(string json) where T : class => Single<T>(Body(json));

    /// <summary>The first change's value of a fixture, as Meta sent it.</summary>
    public static JsonNode ChangeValue(string fixture) => Fixtures.Json(fixture)["entry"]![0]!["changes"]![0]!["value"]!;

    /// <summary>RawJson must be the provider's object itself, not a re-serialization that could drop fields.</summary>
    public static void AssertSameJson(JsonNode? expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)),
            $"JSON differs.\nexpected: {expected?.ToJsonString()}\nactual:   {actual}");

    public static DateTimeOffset Unix(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
}

/// <summary>Small synthetic bodies for shapes no recorded fixture has.</summary>
internal static class Synthetic
{
    public const string PhoneNumberId = "106540352242922";
    public const string WabaId = "102290129340398";

    public static string Webhook(params string[] changes) => $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"{{WabaId}}","changes":[{{string.Join(',', changes)}}]}]}
        """;

    public static string MessagesChange(string value) => $$"""{"field":"messages","value":{{value}}}""";

    public static string MessagesValue(string messages = "[]", string contacts = "[]", string statuses = "[]") => $$"""
        {"messaging_product":"whatsapp",
         "metadata":{"display_phone_number":"15550783881","phone_number_id":"{{PhoneNumberId}}"},
         "contacts":{{contacts}},"messages":{{messages}},"statuses":{{statuses}}}
        """;

    public static string TextFrom(string from, string id = "wamid.synthetic", string timestamp = "\"1750000000\"") => $$"""
        {"from":"{{from}}","id":"{{id}}","timestamp":{{timestamp}},"type":"text","text":{"body":"oi"} }
        """;

    public static string Contact(string waId, string name = "Fulano") => $$"""{"profile":{"name":"{{name}}"},"wa_id":"{{waId}}"}""";

    /// <summary>One text message from <paramref name="from"/>, announced by a matching contact.</summary>
    public static string TextWebhook(string from) =>
        Webhook(MessagesChange(MessagesValue($"[{TextFrom(from)}]", $"[{Contact(from)}]")));
}
