using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Sessions;
using Conecta.Channels.Tests.WhatsApp;

namespace Conecta.Channels.Tests.Sessions;

/// <summary>Which system messages move a contact's session, and to which key (recorded payloads: pywa, facebook/openapi).</summary>
public sealed class IdentityChangeTests
{
    public static TheoryData<string, string?> Messages => new()
    {
        { "whatsapp/messages/pywa-message-system-phone-number-change.json", "972912345678" },
        { "whatsapp/messages/fb-openapi-system-message.json", "12195555358" },
        // Meta's identity-key notice is no new key: the contact stays where it is.
        { "whatsapp/messages/pywa-message-system-identity-change.json", null },
        { "whatsapp/messages/pywa-message-text.json", null },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_changed_number_names_the_new_key_and_nothing_else_does(string fixture, string? newKey) =>
        Assert.Equal(newKey, ContactMessages.NewKeyOf(Mapped.Single<InboundMessageReceived>(fixture)));

    [Fact]
    public void A_new_user_id_moves_a_contact_known_by_its_user_id_and_leaves_one_known_by_its_phone()
    {
        var text = Mapped.Single<InboundMessageReceived>("whatsapp/messages/pywa-message-text.json");
        var change = text with { Type = "system", Content = new MessageContent { System = new SystemContent("user_changed_user_id", "", null, "BR.999") } };

        Assert.Equal(text.Contact.ContactKey, ContactMessages.NewKeyOf(change));
        Assert.Equal("bsuid:BR.999", ContactMessages.NewKeyOf(change with { Contact = change.Contact with { ContactKey = "bsuid:BR.111" } }));
    }
}
