using Conecta.Channels.Contracts.Events;
using static Conecta.Channels.Tests.WhatsApp.KnownContacts;

namespace Conecta.Channels.Tests.WhatsApp;

public sealed class WebhookMapperStatusesTests
{
    private const string Folder = "whatsapp/statuses/";
    private const string ConversationId = "7270432eae37498234f4444b35ffc5";

    // The old conversation-based pricing (CBP) that pywa's recordings carry.
    private static readonly PricingInfo ServiceCbp = new(Billable: true, "CBP", "service", Type: null);

    private sealed record StatusRow(
        string Status,
        ContactIdentity Recipient,
        long OccurredAt,
        ConversationInfo? Conversation,
        PricingInfo? Pricing,
        string? RecipientType = null,
        string? CallbackData = null,
        ProviderError[]? Errors = null);

    private static readonly Dictionary<string, StatusRow> ByFile = new()
    {
        ["pywa-status-sent.json"] = new("sent", Pywa, 1698266945,
            new ConversationInfo(ConversationId, Mapped.Unix(1698339900), "service"), ServiceCbp),
        ["pywa-status-delivered.json"] = new("delivered", Pywa, 1698266945,
            new ConversationInfo(ConversationId, ExpiresAt: null, "service"), ServiceCbp),
        ["pywa-status-read.json"] = new("read", Pywa, 1689380458,
            new ConversationInfo(ConversationId, ExpiresAt: null, "service"), ServiceCbp),
        ["pywa-status-played.json"] = new("played", Pywa, 1689380458,
            new ConversationInfo(ConversationId, ExpiresAt: null, "service"), ServiceCbp),
        ["pywa-status-failed-with-errors.json"] = new("failed", Pywa, 1689380458, Conversation: null, Pricing: null,
            Errors: [new ProviderError(130472, "User's number is part of an experiment", "User's number is part of an experiment",
                "Failed to send message because this user's phone number is part of an experiment")]),
        ["pywa-status-sent-with-biz-opaque-callback-data.json"] = new("sent", Pywa, 1698266945,
            new ConversationInfo(ConversationId, Mapped.Unix(1698339900), "service"), ServiceCbp, CallbackData: "some data"),
        // The recipient is the group; the participant in contacts[] is someone else and must not stand in for it.
        ["pywa-status-read-group-participant.json"] = new("read",
            new ContactIdentity("unknown:<WHATSAPP_MESSAGE_ID>", "fowefinoewcnw", null, null, null, null, null), 1698266945,
            Conversation: null, Pricing: null, RecipientType: "group"),
    };

    public static TheoryData<string> Rows => new(ByFile.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_recorded_status_has_an_expected_row()
    {
        var files = Fixtures.WhatsAppWebhooks("whatsapp/statuses").Select(Path.GetFileName);
        Assert.Empty(files.Except(ByFile.Keys));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Maps_the_status_fields(string file)
    {
        var row = ByFile[file];
        var fixture = Folder + file;
        var value = Mapped.ChangeValue(fixture);

        var status = Mapped.Single<MessageStatusChanged>(fixture);

        Assert.Equal(row.Status, status.Status);
        Assert.Equal(row.Recipient, status.Recipient);
        Assert.Equal(Mapped.Unix(row.OccurredAt), status.OccurredAt);
        Assert.Equal(row.Conversation, status.Conversation);
        Assert.Equal(row.Pricing, status.Pricing);
        Assert.Equal(row.RecipientType, status.RecipientType);
        Assert.Equal(row.CallbackData, status.CallbackData);
        Assert.Equal(row.Errors ?? [], status.Errors);
        Assert.Null(status.CommandId);

        Assert.Equal("whatsapp", status.Channel);
        Assert.Equal((string?)value["statuses"]![0]!["id"], status.ProviderMessageId);
        Assert.Equal((string?)value["metadata"]!["phone_number_id"], status.AccountId);
        Assert.Equal((string?)Fixtures.Json(fixture)["entry"]![0]!["id"], status.BusinessAccountId);
    }

    [Fact]
    public void Each_status_of_one_message_gets_its_own_event_id()
    {
        var ids = LifecycleOfOneMessage.Select(file => Fixtures.Map(Folder + file).Events[0].EventId).ToList();

        Assert.Equal(LifecycleOfOneMessage.Length, ids.Distinct().Count());
    }

    // sent, delivered, read, played and failed, all of wamid.xyzxyz on the same account.
    private static readonly string[] LifecycleOfOneMessage =
    [
        "pywa-status-sent.json", "pywa-status-delivered.json", "pywa-status-read.json", "pywa-status-played.json",
        "pywa-status-failed-with-errors.json",
    ];
}
