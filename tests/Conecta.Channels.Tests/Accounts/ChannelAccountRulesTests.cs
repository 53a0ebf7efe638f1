using Conecta.Channels.Accounts;

namespace Conecta.Channels.Tests.Accounts;

/// <summary>What the fault suite's admin abuse found: text PostgreSQL cannot store, and text of unbounded size.</summary>
public sealed class ChannelAccountRulesTests
{
    private static readonly ChannelAccountInput Valid = new("whatsapp", "106540352242922", "102290129340398", "+55 31 3333-4444", "EAAG-token",
        null, "suporte", null, null, null);

    [Fact]
    public void A_valid_account_has_no_errors() => Assert.Empty(ChannelAccountRules.Validate(Valid, existing: null, RegisteredChannels.Profiles));

    [Theory]
    [InlineData("defaultTeam")]
    [InlineData("joinNotice")]
    [InlineData("leaveNotice")]
    [InlineData("providerAccountId")]
    public void A_NUL_character_is_refused_as_invalid_not_sent_to_the_database(string field)
    {
        var input = field switch
        {
            "defaultTeam" => Valid with { DefaultTeam = "sup\0orte" },
            "joinNotice" => Valid with { JoinNotice = "{nome}\0 entrou" },
            "leaveNotice" => Valid with { LeaveNotice = "\0" },
            _ => Valid with { Channel = "telegram", ProviderAccountId = "bot\0id", BusinessAccountId = null },
        };

        Assert.Contains(field, ChannelAccountRules.Validate(input, existing: null, RegisteredChannels.Profiles).Keys);
    }

    [Fact]
    public void Injection_strings_without_NUL_are_only_text() =>
        Assert.Empty(ChannelAccountRules.Validate(Valid with { DefaultTeam = "'; DROP TABLE channel_accounts; --" }, existing: null, RegisteredChannels.Profiles));

    [Theory]
    [InlineData("EAAG\u2026")]
    [InlineData("EAAG token")]
    [InlineData("EAAGtoken\n")]
    public void An_access_token_that_cannot_travel_in_an_http_header_is_refused(string token) =>
        Assert.Contains("accessToken", ChannelAccountRules.Validate(Valid with { AccessToken = token }, existing: null, RegisteredChannels.Profiles).Keys);

    [Fact]
    public void A_team_name_is_bounded() =>
        Assert.Contains("defaultTeam", ChannelAccountRules.Validate(Valid with { DefaultTeam = new string('t', 201) }, existing: null, RegisteredChannels.Profiles).Keys);

    [Fact]
    public void A_telegram_provider_id_is_bounded() =>
        Assert.Contains("providerAccountId", ChannelAccountRules.Validate(
            Valid with { Channel = "telegram", ProviderAccountId = new string('1', 129), BusinessAccountId = null }, existing: null, RegisteredChannels.Profiles).Keys);

    [Fact]
    public void The_marketing_messages_api_is_a_setting_of_channels_that_have_one_and_the_notices_of_any()
    {
        var telegram = Valid with { Channel = "telegram", ProviderAccountId = "7000000001", BusinessAccountId = null, AccessToken = "7000000001:AAH-token" };

        var onWhatsApp = ChannelAccountRules.Validate(Valid with { MarketingMessagesApi = true, ParticipantNotices = false }, existing: null,
            RegisteredChannels.Profiles);
        var onTelegram = ChannelAccountRules.Validate(telegram with { MarketingMessagesApi = true, ParticipantNotices = false }, existing: null,
            RegisteredChannels.Profiles);
        var offOnTelegram = ChannelAccountRules.Validate(telegram with { MarketingMessagesApi = false, ParticipantNotices = false }, existing: null,
            RegisteredChannels.Profiles);

        Assert.Empty(onWhatsApp);
        Assert.Equal(["marketingMessagesApi"], onTelegram.Keys);
        Assert.Equal("The telegram channel has no marketing API of its own: false or left out. Channels that have one: whatsapp.",
            Assert.Single(onTelegram["marketingMessagesApi"]));
        Assert.Empty(offOnTelegram);
    }
}
