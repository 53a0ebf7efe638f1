using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Conecta.Channels.Accounts;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>
/// The secret_token each bot's webhook is set with, which Telegram sends back in X-Telegram-Bot-Api-Secret-Token:
/// HMAC-SHA256 of the bot id under a key derived (HKDF) from Accounts:TokenKey, base64url (43 characters of
/// A-Za-z0-9_-, as Telegram requires). Derived rather than stored, so a webhook is authenticated before any I/O (a
/// caller without the secret costs no database or Redis lookup), and setWebhook can be repeated with the same secret.
/// </summary>
internal sealed class TelegramWebhookSecret(IOptions<AccountsOptions> accounts)
{
    public const string HeaderName = "X-Telegram-Bot-Api-Secret-Token";

    // A key of its own: the token key encrypts, this one authenticates, and neither reveals the other.
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256,
        AccessTokenProtector.DecodeKey(accounts.Value.TokenKey) ?? throw new InvalidOperationException("Accounts:TokenKey is not a 32-byte base64 key."),
        outputLength: 32, info: "conecta-channels telegram webhook secret"u8.ToArray());

    public string For(string botId) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(botId)));

    /// <summary>Compared in constant time: how much of a guess matched never shows in the answer's timing.</summary>
    public bool IsValid(string botId, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(For(botId)), Encoding.UTF8.GetBytes(header));
}
