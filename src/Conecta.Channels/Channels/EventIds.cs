using System.Security.Cryptography;
using System.Text;

namespace Conecta.Channels.Channels;

/// <summary>
/// Event ids are name-based UUIDs (RFC 9562 version 5) over the provider's own ids, so the same
/// update delivered twice by a provider always gets the same EventId, on any instance.
/// </summary>
internal static class EventIds
{
    private static readonly Guid Namespace = new("3f0c6a8e-5b1d-4c5e-9a57-7c0d7b2f1e44");

    /// <remarks>Each part is length-prefixed, so ("a|b", "c") and ("a", "b|c") never collide, nor null and "".</remarks>
    public static Guid From(params ReadOnlySpan<string?> parts)
    {
        var name = new System.Text.StringBuilder();
        foreach (var part in parts)
            name.Append(part is null ? "-1" : part.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(part);
        return Create(Namespace, name.ToString());
    }

    /// <summary>For updates without provider ids: the hash of their exact bytes stands in for an id.</summary>
    public static string Fingerprint(string raw) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));

    internal static Guid Create(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5; it is an id, not a security measure.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
