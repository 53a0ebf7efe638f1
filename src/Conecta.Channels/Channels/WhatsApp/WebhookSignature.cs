using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp;

/// <summary>
/// X-Hub-Signature-256: HMAC-SHA256 of the exact received bytes, keyed with the app secret. Any of
/// the configured secrets may match, so a secret can be rotated without dropping webhooks.
/// </summary>
internal sealed class WebhookSignature(IOptions<WhatsAppOptions> options)
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    private readonly byte[][] _keys = options.Value.AppSecrets.Select(Encoding.UTF8.GetBytes).ToArray();

    public bool IsValid(string? header, ReadOnlySpan<byte> body)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var hex = header.AsSpan(Prefix.Length).Trim();
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2) return false;

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, expected, out _, out var written) != System.Buffers.OperationStatus.Done ||
            written != expected.Length)
            return false;

        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var valid = false;
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key, body, actual);
            // Every key is tried, match or not, so timing does not tell which secret matched.
            valid |= CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        return valid;
    }

    /// <summary>The header value Meta would send for this body (the sandbox and tests sign with it).</summary>
    public static string Sign(string appSecret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));
}
