using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>Fields the service does not model yet travel whole, so nothing Meta sends is lost.</summary>
public sealed class WebhookMapperNotificationsTests
{
    // echoes/ and user-preferences/ are typed events of their own (WebhookMapperEchoesTests, WebhookMapperPreferencesTests).
    private static readonly string[] Folders = ["calls", "groups"];

    public static TheoryData<string, string, string, string> Notifications => new()
    {
        { "calls/pywa-call-connect-business-initiated.json", "calls", "837432645395", "743897493242" },
        { "calls/pywa-call-connect-user-initiated.json", "calls", "100293269804676", "743897493242" },
        // A call's status travels in statuses[] of a calls change: still a notification, never a message status.
        { "calls/pywa-call-status-call-status.json", "calls", "487439753", "5483758353" },
        { "calls/pywa-call-terminate-call-terminate.json", "calls", "47389759353", "37489742" },
        { "groups/fb-openapi-group-create-message.json", "group_lifecycle_update", "102290129340398", "106540352242922" },
        { "groups/fb-openapi-group-remove-participants.json", "group_participants_update", "102290129340398", "106540352242922" },
        { "groups/fb-openapi-group-settings-update.json", "group_settings_update", "102290129340398", "106540352242922" },
    };

    [Fact]
    public void Every_recorded_notification_has_an_expected_row()
    {
        var files = Folders
            .SelectMany(folder => Fixtures.WhatsAppWebhooks("whatsapp/" + folder))
            .Select(path => path["whatsapp/".Length..]);
        Assert.Empty(files.Except(Notifications.Select(row => (string)row[0])));
    }

    [Theory]
    [MemberData(nameof(Notifications))]
    public void Maps_to_a_notification_with_the_field_and_the_raw_value(string file, string field, string businessAccountId,
        string accountId)
    {
        var fixture = "whatsapp/" + file;

        var notification = Mapped.Single<ChannelNotificationReceived>(fixture);

        Assert.Equal(field, notification.Change);
        Assert.Equal(businessAccountId, notification.BusinessAccountId);
        // The business number routes the notification to its channel account, as it does for messages.
        Assert.Equal(accountId, notification.AccountId);
        Assert.Equal("whatsapp", notification.Channel);
        Mapped.AssertSameJson(Mapped.ChangeValue(fixture), notification.RawJson);
    }
}
