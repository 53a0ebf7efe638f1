using System.Text.Json;
using System.Text.Json.Nodes;
using Conecta.Channels.Channels.WhatsApp;
using Conecta.Channels.Contracts.Events;
using static Conecta.Channels.Tests.WhatsApp.Synthetic;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>
/// A signed body the mapper cannot read goes to the dead letters and is acknowledged, so it must
/// fail as UnreadableWebhookException or as a Problem, never as any other exception (which would
/// answer 500 and make Meta retry it forever).
/// </summary>
public sealed class WebhookMapperBadInputTests
{
    private const string ApprovedTemplate = "whatsapp/templates/pywa-template-status-update-approved.json";

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("""{"object":"page","entry":[]}""")]
    [InlineData("""{"object":5,"entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account"}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":{}}""")]
    public void A_body_that_is_not_a_whatsapp_webhook_is_unreadable(string body) =>
        Assert.Throws<UnreadableWebhookException>(() => Mapped.Body(body));

    [Fact]
    public void A_messages_change_without_phone_number_id_is_a_problem_and_other_changes_still_map()
    {
        var template = Fixtures.Json(ApprovedTemplate)["entry"]![0]!["changes"]![0]!.ToJsonString();
        var body = Webhook(MessagesChange($$"""{"metadata":{"display_phone_number":"15550783881"},"messages":[{{TextFrom("16505551234")}}]}"""),
            template);

        var mapped = Mapped.Body(body);

        var problem = Assert.Single(mapped.Problems);
        Assert.Contains("phone_number_id", problem, StringComparison.Ordinal);
        var changed = Assert.IsType<TemplateStatusChanged>(Assert.Single(mapped.Events).Message);
        Assert.Equal("APPROVED", changed.Event);
    }

    [Fact]
    public void A_message_type_newer_than_this_code_is_unsupported_with_its_raw_json()
    {
        const string foo = """{"from":"16505551234","id":"wamid.foo","timestamp":"1750000000","type":"foo_bar","foo_bar":{"x":1}}""";

        var message = Mapped.SingleFromJson<InboundMessageReceived>(Webhook(MessagesChange(MessagesValue($"[{foo}]"))));

        Assert.Equal("unsupported", message.Type);
        Assert.Equal(new MessageContent(), message.Content);
        Mapped.AssertSameJson(JsonNode.Parse(foo), message.RawJson);
        Assert.Equal("wamid.foo", message.ProviderMessageId);
    }

    [Theory]
    [InlineData("""{"status":"delivered","timestamp":"1750000000","recipient_id":"16505551234"}""")]
    [InlineData("""{"id":"","status":"delivered","timestamp":"1750000000","recipient_id":"16505551234"}""")]
    [InlineData("""{"id":"wamid.x","timestamp":"1750000000","recipient_id":"16505551234"}""")]
    [InlineData("null")]
    public void A_status_without_id_or_status_is_a_problem_that_does_not_cost_its_siblings(string bad)
    {
        const string good = """{"id":"wamid.ok","status":"read","timestamp":"1750000000","recipient_id":"16505551234"}""";

        var mapped = Mapped.Body(Webhook(MessagesChange(MessagesValue(statuses: $"[{bad},{good}]"))));

        Assert.Contains("status 0", Assert.Single(mapped.Problems), StringComparison.Ordinal);
        var status = Assert.IsType<MessageStatusChanged>(Assert.Single(mapped.Events).Message);
        Assert.Equal("wamid.ok", status.ProviderMessageId);
    }

    [Fact]
    public void An_unreadable_message_is_a_problem_that_does_not_cost_its_siblings_and_an_odd_field_costs_only_itself()
    {
        const string odd = """{"from":"16505551234","id":"wamid.odd","timestamp":true,"type":"text","text":{"body":"oi"}}""";

        var mapped = Mapped.Body(Webhook(MessagesChange(MessagesValue($"[{odd},{TextFrom("16505551234")},null]"))));

        Assert.Contains("message 2", Assert.Single(mapped.Problems), StringComparison.Ordinal);
        var messages = mapped.Events.Select(e => Assert.IsType<InboundMessageReceived>(e.Message)).ToList();
        Assert.Equal(["wamid.odd", "wamid.synthetic"], messages.Select(m => m.ProviderMessageId));
        // The timestamp it could not read: the receive time stands in, as for a missing one.
        Assert.Equal((Fixtures.ReceivedAt, "oi"), (messages[0].SentAt, messages[0].Content.Text));
        Assert.Equal(["$.timestamp"], messages[0].UnreadFields!);
    }

    [Theory]
    [InlineData("""{"object":"whatsapp_business_account","entry":[null]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[null]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":"text"}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages"}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":{}}}]}]}""")]
    public void A_change_that_cannot_be_read_is_one_problem(string body)
    {
        var mapped = Mapped.Body(body);

        Assert.Single(mapped.Problems);
        Assert.Empty(mapped.Events);
    }

    [Fact]
    public void Nulls_inside_nested_arrays_are_skipped()
    {
        const string order = """
            {"from":"16505551234","id":"wamid.order","timestamp":"1750000000","type":"order","errors":[null],
             "order":{"catalog_id":"1","product_items":[null,{"product_retailer_id":"A","quantity":"2","item_price":"9.90","currency":"BRL"}]}}
            """;
        const string cards = """
            {"from":"16505551234","id":"wamid.cards","timestamp":"1750000000","type":"contacts",
             "contacts":[null,{"name":{"formatted_name":"Ana"},"phones":[null,{"phone":"+55 31 98888-7777"}],"emails":[null,{"email":"a@b.c"}]}]}
            """;

        var events = Mapped.Events(Mapped.Body(Webhook(MessagesChange(MessagesValue($"[{order},{cards}]", contacts: "[null]")))));

        var ordered = Assert.IsType<InboundMessageReceived>(events[0]);
        Assert.Equal([new OrderItem("A", 2, 9.90m, "BRL")], ordered.Content.Order!.Items);
        Assert.Empty(ordered.Errors);
        Assert.Equal("16505551234", ordered.Contact.ContactKey);
        var card = Assert.Single(Assert.IsType<InboundMessageReceived>(events[1]).Content.Contacts!);
        Assert.Equivalent(new SharedContact("Ana", [new SharedPhone("+55 31 98888-7777", null, null)], ["a@b.c"]), card, strict: true);
    }

    [Fact]
    public void Numbers_where_strings_are_expected_still_map()
    {
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":102290129340398,"changes":[{"field":"messages","value":
              {"metadata":{"display_phone_number":15550783881,"phone_number_id":106540352242922},
               "contacts":[{"profile":{"name":"Ana"},"wa_id":5531988887777}],
               "messages":[{"from":5531988887777,"id":"wamid.n","timestamp":1750000000,"type":"text","text":{"body":"oi"}}],
               "statuses":[{"id":"wamid.s","status":"sent","timestamp":1750000001,"recipient_id":5531988887777,
                            "conversation":{"id":"c","expiration_timestamp":1750086400}}]}}]}]}
            """;

        var events = Mapped.Events(Mapped.Body(body));

        var message = Assert.IsType<InboundMessageReceived>(events[0]);
        Assert.Equal(Mapped.Unix(1750000000), message.SentAt);
        Assert.Equal("106540352242922", message.AccountId);
        Assert.Equal("102290129340398", message.BusinessAccountId);
        Assert.Equal("15550783881", message.BusinessNumber);
        Assert.Equal(new ContactIdentity("5531988887777", "5531988887777", "5531988887777", null, null, null, "Ana"), message.Contact);
        var status = Assert.IsType<MessageStatusChanged>(events[1]);
        Assert.Equal(Mapped.Unix(1750000001), status.OccurredAt);
        Assert.Equal(Mapped.Unix(1750086400), status.Conversation!.ExpiresAt);
        Assert.Equal("5531988887777", status.Recipient.ContactKey);
    }

    [Fact]
    public void A_missing_or_unreadable_provider_timestamp_falls_back_to_the_receive_time()
    {
        var message = Mapped.SingleFromJson<InboundMessageReceived>(
            Webhook(MessagesChange(MessagesValue($"[{TextFrom("16505551234", timestamp: "\"soon\"")}]"))));

        Assert.Equal(Fixtures.ReceivedAt, message.SentAt);
    }

    [Fact]
    public void A_multi_entry_multi_change_body_maps_every_update_with_the_same_ids_as_alone()
    {
        string[] parts =
        [
            "whatsapp/messages/pywa-message-text.json",
            "whatsapp/statuses/pywa-status-read.json",
            "whatsapp/messages/fb-openapi-order-message.json",
            ApprovedTemplate,
            "whatsapp/calls/pywa-call-terminate-call-terminate.json",
        ];
        // Entry 1 carries the first three fixtures' changes, entry 2 the template, entry 3 the call. The changes
        // keep their exact text: ids of updates without provider ids hash the change value's bytes.
        var changes = parts.Select(RawFirstChange).ToList();
        var body = $$"""
            {"object":"whatsapp_business_account","entry":[
              {"id":"5467539754836534","changes":[{{changes[0]}},{{changes[1]}},{{changes[2]}}]},
              {"id":"102290129340398","time":1751247548,"changes":[{{changes[3]}}]},
              {"id":"47389759353","changes":[{{changes[4]}}]}]}
            """;

        var mapped = Mapped.Body(body);

        Assert.Empty(mapped.Problems);
        var alone = parts.SelectMany(p => Fixtures.Map(p).Events).ToList();
        Assert.Equal(5, alone.Count);
        Assert.Equal(alone.Select(e => e.EventId), mapped.Events.Select(e => e.EventId));
        Assert.Equal(alone.Select(e => e.Message.GetType()), mapped.Events.Select(e => e.Message.GetType()));
    }

    private static string RawFirstChange(string fixture)
    {
        using var document = JsonDocument.Parse(Fixtures.Bytes(fixture));
        return document.RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetRawText();
    }
}
