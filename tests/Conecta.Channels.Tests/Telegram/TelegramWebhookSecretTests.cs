using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.Telegram;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Tests.Telegram;

public sealed class TelegramWebhookSecretTests
{
    private const string Key = "aXQtdG9rZW4ta2V5LWNvbmVjdGEtY2hhbm5lbHMhISE=";
    private const string OtherKey = "b3RoZXItdG9rZW4ta2V5LWNvbmVjdGEtY2hhbm5lbCE=";

    private static TelegramWebhookSecret Secret(string key = Key) => new(Options.Create(new AccountsOptions { TokenKey = key }));

    [Fact]
    public void A_secret_is_what_telegram_accepts_and_the_same_on_every_instance()
    {
        var secret = Secret().For("7000000001");

        Assert.Matches("^[A-Za-z0-9_-]{1,256}$", secret);
        Assert.Equal(43, secret.Length);
        Assert.Equal(secret, Secret().For("7000000001"));
    }

    [Fact]
    public void Each_bot_and_each_key_has_its_own_secret()
    {
        Assert.NotEqual(Secret().For("7000000001"), Secret().For("7000000002"));
        Assert.NotEqual(Secret().For("7000000001"), Secret(OtherKey).For("7000000001"));
    }

    [Fact]
    public void Only_the_bot_s_own_secret_is_valid()
    {
        var secret = Secret();
        var valid = secret.For("7000000001");

        Assert.True(secret.IsValid("7000000001", valid));
        Assert.False(secret.IsValid("7000000002", valid));
        Assert.False(secret.IsValid("7000000001", null));
        Assert.False(secret.IsValid("7000000001", ""));
        Assert.False(secret.IsValid("7000000001", valid[..^1]));
        Assert.False(secret.IsValid("7000000001", valid + "x"));
        Assert.False(secret.IsValid("7000000001", valid.ToUpperInvariant()));
    }

    /// <summary>
    /// Known answers: every registered bot's webhook carries its secret; a changed derivation would refuse them all (401)
    /// after a deploy until each bot is registered again, so any change must fail here first. (Cross-checked with Python's hmac: HKDF-SHA256 without salt, then HMAC-SHA256, base64url.)
    /// </summary>
    [Theory]
    [InlineData(Key, "7000000001", "R37cHmf6BcUKw1PaKBeOxqte3cbDzQEUZnWLWYXEzf8")]
    [InlineData(Key, "7000000002", "7VkbGyfTYDlCOl4AiItahn7c2zCQ_Q2_J4w6e5clza4")]
    [InlineData(OtherKey, "7000000001", "PaqshcVoXsdjDOq7AY9kEGlFSivu3qg9vtryJueBIIQ")]
    public void Fixed_keys_and_bots_give_fixed_secrets(string key, string botId, string expected) =>
        Assert.Equal(expected, Secret(key).For(botId));
}
