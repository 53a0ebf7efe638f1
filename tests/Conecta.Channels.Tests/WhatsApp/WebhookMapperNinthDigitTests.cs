using Conecta.Channels.Contracts.Events;
using static Conecta.Channels.Tests.WhatsApp.Synthetic;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>Brazilian mobiles reported without the ninth digit are the same contact as with it.</summary>
public sealed class WebhookMapperNinthDigitTests
{
    [Theory]
    [InlineData("553188887777", "5531988887777")] // mobile without the ninth digit
    [InlineData("5531988887777", "5531988887777")] // already 13 digits
    [InlineData("553133334444", "553133334444")] // landline: 2–5 after the DDD, no ninth digit to restore
    [InlineData("16505551234", "16505551234")] // not Brazil
    public void The_contact_key_is_the_canonical_number_and_the_provider_id_stays_as_sent(string from, string canonical)
    {
        var message = Mapped.SingleFromJson<InboundMessageReceived>(TextWebhook(from));

        Assert.Equal(new ContactIdentity(canonical, from, canonical, null, null, null, "Fulano"), message.Contact);
    }

    [Fact]
    public void A_sender_without_the_ninth_digit_still_finds_its_contact_entry()
    {
        // Two entries, so the lone-contact fallback cannot be what matched.
        var body = Webhook(MessagesChange(MessagesValue(
            messages: $"[{TextFrom("553188887777")}]",
            contacts: $"[{Contact("16505551234", "Outro")},{Contact("5531988887777", "Maria")}]")));

        var message = Mapped.SingleFromJson<InboundMessageReceived>(body);

        Assert.Equal("Maria", message.Contact.Name);
        Assert.Equal("5531988887777", message.Contact.ContactKey);
    }

    [Fact]
    public void A_status_to_a_number_without_the_ninth_digit_is_keyed_by_the_canonical_number()
    {
        var body = Webhook(MessagesChange(MessagesValue(statuses: """
            [{"id":"wamid.out","status":"delivered","timestamp":"1750000000","recipient_id":"553188887777"}]
            """)));

        var status = Mapped.SingleFromJson<MessageStatusChanged>(body);

        Assert.Equal("5531988887777", status.Recipient.ContactKey);
        Assert.Equal("553188887777", status.Recipient.ProviderId);
    }
}
