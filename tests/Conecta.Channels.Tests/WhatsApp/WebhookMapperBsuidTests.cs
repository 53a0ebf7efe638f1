using System.Text.RegularExpressions;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>
/// Business-scoped user ids (BSUID): contacts that may come without a phone. The whatsapp-api-js
/// fixtures spell their shape in the file name, so the expectation is read from it.
/// </summary>
public sealed partial class WebhookMapperBsuidTests
{
    private const string Folder = "whatsapp/bsuid/";
    private const string UserId = "US.13491208655302741918";
    private const string ParentUserId = "US.ENT.506847293015824";
    private const string PhoneNumber = "16315551181";
    private static readonly DateTimeOffset Timestamp = Mapped.Unix(1504902988);

    /// <summary>{update}-{what contacts[] discloses}-{parent or not}-bsuid[-to-{how the status addresses the user}].</summary>
    [GeneratedRegex(@"^whatsapp-api-js-bsuid-(?<update>message|sent|delivered|read)-(?<who>phone|phone-username|username)-(?<parent>parent|no-parent)-bsuid(?:-to-(?<to>bsuid|phone))?\.json$")]
    private static partial Regex Shape();

    private sealed record Case(string Update, bool ContactHasPhone, bool HasUsername, bool HasParent, bool AddressedByPhone)
    {
        public static Case Of(string file)
        {
            var m = Shape().Match(file);
            Assert.True(m.Success, $"{file} does not follow the naming the expectations are read from");
            var who = m.Groups["who"].Value;
            var update = m.Groups["update"].Value;
            // The source's "sent" examples name a username but carry none in the profile (INDEX.md lists
            // the sent-phone-username files as dropped duplicates of sent-phone for that reason).
            var hasUsername = who.EndsWith("username", StringComparison.Ordinal) && update != "sent";
            return new Case(update, who.StartsWith("phone", StringComparison.Ordinal), hasUsername, m.Groups["parent"].Value == "parent",
                m.Groups["to"].Value == "phone");
        }

        /// <summary>A phone is known when the update names it or contacts[] discloses it; otherwise the BSUID is the key.</summary>
        public ContactIdentity Identity
        {
            get
            {
                var phone = ContactHasPhone || AddressedByPhone ? PhoneNumber : null;
                return new ContactIdentity(phone ?? "bsuid:" + UserId, phone, phone, UserId, HasParent ? ParentUserId : null,
                    HasUsername ? "@testusername" : null, "test user name");
            }
        }
    }

    public static TheoryData<string> Messages => Files("message");

    public static TheoryData<string> Statuses =>
        new(Fixtures.WhatsAppWebhooks("whatsapp/bsuid").Select(Path.GetFileName).OfType<string>()
            .Where(f => Case.Of(f).Update != "message"));

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_names_its_sender_by_phone_or_by_bsuid(string file)
    {
        var expected = Case.Of(file);

        var message = Mapped.Single<InboundMessageReceived>(Folder + file);

        Assert.Equal(expected.Identity, message.Contact);
        Assert.Equal("text", message.Type);
        Assert.Equal(new MessageContent { Text = "this is a text message" }, message.Content);
        Assert.Equal(Timestamp, message.SentAt);
        Assert.Equal("123456123", message.AccountId);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_status_names_its_recipient_by_phone_or_by_bsuid(string file)
    {
        var expected = Case.Of(file);

        var status = Mapped.Single<MessageStatusChanged>(Folder + file);

        Assert.Equal(expected.Update, status.Status);
        Assert.Equal(expected.Identity, status.Recipient);
        Assert.Equal(Timestamp, status.OccurredAt);
        Assert.Equal("ABGGFlA5Fpa", status.ProviderMessageId);
        Assert.Equal(expected.Update == "read" ? null : new ConversationInfo("CONVERSATION_ID", Mapped.Unix(1504903988), "marketing"),
            status.Conversation);
        // Per-message pricing (PMP) replaced conversation pricing; only the sent status carries it here.
        Assert.Equal(expected.Update == "sent" ? new PricingInfo(true, "PMP", "marketing", "regular") : null, status.Pricing);
    }

    [Fact]
    public void A_message_without_from_is_keyed_by_its_bsuid()
    {
        var message = Mapped.Single<InboundMessageReceived>(Folder + "whatsapp-api-js-bsuid-message-username-parent-bsuid.json");

        Assert.Equal("bsuid:US.13491208655302741918", message.Contact.ContactKey);
        Assert.Null(message.Contact.Phone);
        Assert.Null(message.Contact.ProviderId);
        Assert.Equal("@testusername", message.Contact.Username);
        Assert.Equal("US.ENT.506847293015824", message.Contact.ParentUserId);
    }

    [Fact]
    public void A_status_to_a_bsuid_without_a_disclosed_phone_is_keyed_by_the_bsuid()
    {
        var status = Mapped.Single<MessageStatusChanged>(Folder + "whatsapp-api-js-bsuid-delivered-username-no-parent-bsuid-to-bsuid.json");

        Assert.Equal("bsuid:US.13491208655302741918", status.Recipient.ContactKey);
        Assert.Null(status.Recipient.Phone);
        Assert.Equal("@testusername", status.Recipient.Username);
    }

    [Fact]
    public void A_status_to_a_bsuid_keeps_the_phone_contacts_disclose_so_the_key_matches_inbound_messages()
    {
        var status = Mapped.Single<MessageStatusChanged>(Folder + "whatsapp-api-js-bsuid-delivered-phone-parent-bsuid-to-bsuid.json");

        Assert.Equal(PhoneNumber, status.Recipient.ContactKey);
        Assert.Equal(UserId, status.Recipient.UserId);
    }

    private static TheoryData<string> Files(string update) =>
        new(Fixtures.WhatsAppWebhooks("whatsapp/bsuid").Select(Path.GetFileName).OfType<string>()
            .Where(f => Case.Of(f).Update == update));
}
