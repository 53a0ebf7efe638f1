using System.Text.Json.Nodes;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>
/// Coexistence: smb_message_echoes (what the business sent from the WhatsApp Business app on the shared number) become typed
/// echoes in the contact's thread. Recorded payloads: pywa's edit and delete, and Meta's documented text echo (pywa's copy of its
/// syntax), whose placeholders are filled in here.
/// </summary>
public sealed class WebhookMapperEchoesTests
{
    private const string Text = "whatsapp/echoes/pywa-smb-message-echo-text.json";

    [Fact]
    public void A_text_echo_is_a_typed_echo_in_the_thread_of_the_contact_it_went_to()
    {
        var body = Fixtures.Json(Text);
        var echo = body["entry"]![0]!["changes"]![0]!["value"]!["message_echoes"]![0]!;
        echo["to"] = "553188887777";
        echo["to_user_id"] = "BR.1502576394655843";
        echo["id"] = "wamid.ECHO.1";

        var echoed = Mapped.SingleFromJson<BusinessMessageEchoed>(body.ToJsonString());

        Assert.Equal(("whatsapp", "1122334455667", "wamid.ECHO.1", "text", "Test message"),
            (echoed.Channel, echoed.AccountId, echoed.ProviderMessageId, echoed.Type, echoed.Content.Text));
        // The contact's own key: ninth digit restored, as its inbound messages have it.
        Assert.Equal(("5531988887777", "BR.1502576394655843"), (echoed.Contact.ContactKey, echoed.Contact.UserId));
        Assert.Equal(Mapped.Unix(1697043223), echoed.SentAt);
        Mapped.AssertSameJson(echo, echoed.RawJson);
    }

    public static TheoryData<string, string, string?, string> Changes => new()
    {
        { "whatsapp/echoes/pywa-smb-message-echo-edit.json", "edit", "Text was edited", "wamid.yyyyyy" },
        { "whatsapp/echoes/pywa-smb-message-echo-delete.json", "revoke", null, "wamid.yyyyyy" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void An_edit_or_a_delete_from_the_app_names_the_message_it_changed(string fixture, string type, string? text, string id)
    {
        var echoed = Mapped.Single<BusinessMessageEchoed>(fixture);

        Assert.Equal((type, text, "wamid.zzzzzz", id), (echoed.Type, echoed.Content.Text, echoed.Content.TargetMessageId, echoed.ProviderMessageId));
        Mapped.AssertSameJson(Mapped.ChangeValue(fixture)["message_echoes"]![0], echoed.RawJson);
    }

    [Fact]
    public void The_same_echo_delivered_twice_has_one_event_id_and_never_an_inbound_message_s()
    {
        const string fixture = "whatsapp/echoes/pywa-smb-message-echo-edit.json";
        var first = Mapped.Single<BusinessMessageEchoed>(fixture);
        var again = Mapped.Single<BusinessMessageEchoed>(fixture);

        Assert.Equal(first.EventId, again.EventId);
        // A contact's message with the same wamid is another event.
        Assert.NotEqual(Conecta.Channels.Channels.EventIds.From("whatsapp", first.AccountId, "message", first.ProviderMessageId), first.EventId);
    }
}
