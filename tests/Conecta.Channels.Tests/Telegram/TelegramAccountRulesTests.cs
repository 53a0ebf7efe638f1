using Conecta.Channels.Accounts;
using Conecta.Channels.Tests.Accounts;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>A Telegram account is a bot: its id is the digits before ':' in its token.</summary>
public sealed class TelegramAccountRulesTests
{
    private static ChannelAccountInput Bot(string providerAccountId = "7000000001", string? token = "7000000001:AAH-secret_Part") =>
        new("telegram", providerAccountId, BusinessAccountId: null, DisplayNumber: null, token, GraphApiVersion: null, "suporte",
            RateLimitPerSecond: null, JoinNotice: null, LeaveNotice: null);

    [Fact]
    public void A_bot_with_its_own_token_needs_no_business_account()
    {
        Assert.Empty(ChannelAccountRules.Validate(Bot(), existing: null, RegisteredChannels.Profiles));
    }

    [Theory]
    [InlineData("7000000001", "7000000002:AAH-secret", "accessToken")]
    [InlineData("7000000001", "AAH-secret-without-id", "accessToken")]
    [InlineData("7000000001", "7000000001:has spaces", "accessToken")]
    [InlineData("conecta_bot", "conecta_bot:AAH-secret", "providerAccountId")]
    public void A_token_of_another_bot_or_a_bot_id_that_is_no_id_is_refused(string providerAccountId, string token, string field)
    {
        Assert.Contains(field, ChannelAccountRules.Validate(Bot(providerAccountId, token), existing: null, RegisteredChannels.Profiles).Keys);
    }

    [Fact]
    public void On_update_a_null_token_keeps_the_stored_one()
    {
        var stored = new ChannelAccount(Guid.NewGuid(), "telegram", "7000000001", null, null, null, null, 30, "", "", "active", null, null, null, null, 1,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Assert.Empty(ChannelAccountRules.Validate(Bot(token: null), stored, RegisteredChannels.Profiles));
    }

    [Fact]
    public void A_bot_sends_thirty_messages_a_second_unless_told_otherwise()
    {
        Assert.Equal((30, 80), (ChannelAccountRules.DefaultRateLimitOf("telegram", RegisteredChannels.Profiles),
            ChannelAccountRules.DefaultRateLimitOf("whatsapp", RegisteredChannels.Profiles)));
    }
}
