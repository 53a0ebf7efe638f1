using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>Template and account webhooks: no contact, the WABA is the subject and entry.time the moment.</summary>
public sealed class WebhookMapperManagementTests
{
    private sealed record TemplateRow(
        string Change,
        string TemplateId,
        string Name,
        string Language,
        string? Event,
        string? Reason,
        string? Category,
        string? Previous,
        string? Current,
        string BusinessAccountId,
        long OccurredAt);

    // message_template_id arrives as a JSON number; the contract keeps its digits as a string.
    private static readonly Dictionary<string, TemplateRow> Templates = new()
    {
        ["pywa-template-status-update-approved.json"] = new("status", "1689556908129832", "order_confirmation", "en_US",
            "APPROVED", "NONE", "UTILITY", Previous: null, Current: "APPROVED", "102290129340398", 1751247548),
        ["pywa-template-status-update-rejected.json"] = new("status", "1689556908129835", "abandoned_cart", "en",
            "REJECTED", "INVALID_FORMAT", "MARKETING", Previous: null, Current: "REJECTED", "102290129340398", 1751247548),
        ["pywa-template-quality-update-yellow.json"] = new("quality", "806312974732579", "welcome_template", "en_US",
            Event: null, Reason: null, Category: null, Previous: "GREEN", Current: "YELLOW", "102290129340398", 1674864290),
        ["pywa-template-category-update-marketing.json"] = new("category", "12345678", "my_message_template", "he",
            Event: null, Reason: null, Category: "MARKETING", Previous: null, Current: "MARKETING", "57438975935", 1750344882),
        ["pywa-template-components-update-element.json"] = new("components", "12345678", "my_message_template", "he",
            Event: null, Reason: null, Category: null, Previous: null, Current: null, "57438975935", 1751483772),
    };

    public static TheoryData<string> TemplateFiles => new(Templates.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_recorded_template_update_has_an_expected_row()
    {
        var files = Fixtures.WhatsAppWebhooks("whatsapp/templates").Select(Path.GetFileName);
        Assert.Empty(files.Except(Templates.Keys));
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Maps_a_template_update(string file)
    {
        var row = Templates[file];
        var fixture = "whatsapp/templates/" + file;

        var changed = Mapped.Single<TemplateStatusChanged>(fixture);

        Assert.Equal(row.Change, changed.Change);
        Assert.Equal(row.TemplateId, changed.TemplateId);
        Assert.Equal(row.Name, changed.TemplateName);
        Assert.Equal(row.Language, changed.Language);
        Assert.Equal(row.Event, changed.Event);
        Assert.Equal(row.Reason, changed.Reason);
        Assert.Equal(row.Category, changed.Category);
        Assert.Equal(row.Previous, changed.Previous);
        Assert.Equal(row.Current, changed.Current);
        Assert.Equal(row.BusinessAccountId, changed.BusinessAccountId);
        Assert.Equal(Mapped.Unix(row.OccurredAt), changed.OccurredAt);
        Assert.Equal("whatsapp", changed.Channel);
        Mapped.AssertSameJson(Mapped.ChangeValue(fixture), changed.RawJson);
    }

    public static TheoryData<string, string, string, long> Accounts => new()
    {
        { "pywa-account-update-account-deleted.json", "ACCOUNT_DELETED", "102290129340398", 1743451903 },
        { "pywa-account-update-account-disabled.json", "DISABLED_UPDATE", "102290129340398", 1743451903 },
        { "pywa-account-update-account-offboarded.json", "ACCOUNT_OFFBOARDED", "102290129340398", 1743451903 },
        { "pywa-account-update-account-reconnected.json", "ACCOUNT_RECONNECTED", "102290129340398", 1743451903 },
        { "pywa-account-update-account-restriction.json", "ACCOUNT_RESTRICTION", "102290129340398", 1641330498 },
        { "pywa-account-update-account-violation.json", "ACCOUNT_VIOLATION", "102290129340398", 1743451903 },
        { "pywa-account-update-ad-account-linked.json", "AD_ACCOUNT_LINKED", "2949482758682047", 1744823932 },
        { "pywa-account-update-authentication-international-eligibility.json", "AUTH_INTL_PRICE_ELIGIBILITY_UPDATE", "102290129340398", 1743451903 },
        { "pywa-account-update-mm-api-for-wa-terms-of-service.json", "MM_LITE_TERMS_SIGNED", "2949482758682047", 1744823932 },
        { "pywa-account-update-partner-added.json", "PARTNER_ADDED", "2949482758682047", 1744823932 },
        { "pywa-account-update-partner-app-installed.json", "PARTNER_APP_INSTALLED", "2949482758682047", 1745337174 },
        { "pywa-account-update-partner-app-uninstalled.json", "PARTNER_APP_UNINSTALLED", "2949482758682047", 1748477359 },
        { "pywa-account-update-partner-led-business-verification-status.json", "PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE", "102290129340398", 1743138982 },
        { "pywa-account-update-partner-removed-wa-app-disconnection.json", "PARTNER_REMOVED", "2949482758682047", 1748477359 },
        { "pywa-account-update-partner-removed.json", "PARTNER_REMOVED", "2949482758682047", 1748477359 },
        { "pywa-account-update-pricing-tiering-update.json", "VOLUME_BASED_PRICING_TIER_UPDATE", "102290129340398", 1743451903 },
        { "pywa-account-update-primary-business-location-set.json", "BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE", "102290129340398", 1743138982 },
    };

    [Fact]
    public void Every_recorded_account_update_has_an_expected_row()
    {
        var files = Fixtures.WhatsAppWebhooks("whatsapp/account").Select(Path.GetFileName);
        Assert.Empty(files.Except(Accounts.Select(row => (string)row[0])));
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public void Maps_an_account_update(string file, string @event, string businessAccountId, long time)
    {
        var fixture = "whatsapp/account/" + file;

        var changed = Mapped.Single<ChannelAccountChanged>(fixture);

        Assert.Equal("account_update", changed.Change);
        Assert.Equal(@event, changed.Event);
        Assert.Equal(businessAccountId, changed.BusinessAccountId);
        Assert.Equal(Mapped.Unix(time), changed.OccurredAt);
        Assert.Null(changed.QualityRating);
        Assert.Null(changed.MessagingLimitTier);
        Assert.Equal("whatsapp", changed.Channel);
        Mapped.AssertSameJson(Mapped.ChangeValue(fixture), changed.RawJson);
    }

    /// <summary>
    /// What an account webhook says of the number's standing (sends stop on disabled and restricted by default): pywa's recordings,
    /// the disabled one (a REINSTATE) also with Meta's other ban state DISABLE; phone_number_quality_update, which no source records,
    /// in the shape of Meta's webhook reference (display_phone_number, event, current_limit).
    /// </summary>
    public static TheoryData<string, string?> Standings => new()
    {
        { Account("pywa-account-update-account-disabled.json"), "active" },
        { Account("pywa-account-update-account-disabled.json").Replace("\"REINSTATE\"", "\"DISABLE\"", StringComparison.Ordinal), "disabled" },
        { Account("pywa-account-update-account-disabled.json").Replace("\"REINSTATE\"", "\"SCHEDULE_FOR_DISABLE\"", StringComparison.Ordinal), null },
        { Account("pywa-account-update-account-restriction.json"), "restricted" },
        { Account("pywa-account-update-account-violation.json"), null },
        { Account("pywa-account-update-account-reconnected.json"), null },
        { Synthetic.Webhook("""{"field":"phone_number_quality_update","value":{"display_phone_number":"15550783881","event":"FLAGGED","current_limit":"TIER_10K"}}"""), "flagged" },
        { Synthetic.Webhook("""{"field":"phone_number_quality_update","value":{"display_phone_number":"15550783881","event":"UNFLAGGED","current_limit":"TIER_10K"}}"""), "active" },
        { Synthetic.Webhook("""{"field":"phone_number_quality_update","value":{"display_phone_number":"15550783881","event":"UPGRADE","current_limit":"TIER_100K"}}"""), null },
    };

    [Theory]
    [MemberData(nameof(Standings))]
    public void An_account_webhook_says_what_it_says_of_the_number_s_standing(string body, string? standing) =>
        Assert.Equal(standing, Mapped.SingleFromJson<ChannelAccountChanged>(body).Standing);

    private static string Account(string file) => Fixtures.Json("whatsapp/account/" + file).ToJsonString();
}
