using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Accounts;

/// <summary>
/// AES-256-GCM for access tokens at rest: a database dump or backup alone does not give the tokens
/// away. The account id is bound as associated data, so a ciphertext copied onto another row fails.
/// Layout: version (1 byte) · nonce (12) · tag (16) · ciphertext.
/// </summary>
internal sealed class AccessTokenProtector(IOptions<AccountsOptions> options)
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    private readonly byte[] _key = DecodeKey(options.Value.TokenKey)
        ?? throw new InvalidOperationException("Accounts:TokenKey is not a 32-byte base64 key.");

    public static byte[]? DecodeKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written == 32 ? buffer[..32] : null;
    }

    public byte[] Protect(Guid accountId, string token)
    {
        var plaintext = Encoding.UTF8.GetBytes(token);
        var sealedToken = new byte[HeaderSize + plaintext.Length];
        sealedToken[0] = FormatVersion;
        var nonce = sealedToken.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedToken.AsSpan(HeaderSize), sealedToken.AsSpan(1 + NonceSize, TagSize), AssociatedData(accountId));
        return sealedToken;
    }

    /// <exception cref="CryptographicException">The ciphertext was altered, belongs to another account or another key.</exception>
    public string Unprotect(Guid accountId, byte[] sealedToken)
    {
        if (sealedToken.Length < HeaderSize || sealedToken[0] != FormatVersion)
            throw new CryptographicException("Unknown access token format.");
        var plaintext = new byte[sealedToken.Length - HeaderSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedToken.AsSpan(1, NonceSize), sealedToken.AsSpan(HeaderSize), sealedToken.AsSpan(1 + NonceSize, TagSize),
            plaintext, AssociatedData(accountId));
        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] AssociatedData(Guid accountId) => accountId.ToByteArray();
}
