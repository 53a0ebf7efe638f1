using System.Security.Cryptography;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

internal sealed record SandboxMediaItem(string Id, string MimeType, byte[] Bytes)
{
    /// <summary>Meta's media object: base64 SHA-256 of the bytes.</summary>
    public string Sha256 => Convert.ToBase64String(SHA256.HashData(Bytes));
}

/// <summary>The sandbox's media: uploads of the service and the images the simulated contact sends; the latest few kept in memory.</summary>
internal sealed class SandboxMedia
{
    /// <summary>The largest upload kept; larger is refused as Meta refuses an upload it cannot take.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;
    private const int Kept = 64;

    /// <summary>A 1×1 PNG: what the simulated contact's camera takes.</summary>
    public static readonly byte[] SampleImage = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private readonly Dictionary<string, SandboxMediaItem> _items = [];
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    public SandboxMediaItem Add(string mimeType, byte[] bytes)
    {
        var item = new SandboxMediaItem(Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            mimeType, bytes);
        lock (_gate)
        {
            _items[item.Id] = item;
            _order.Enqueue(item.Id);
            while (_order.Count > Kept) _items.Remove(_order.Dequeue());
        }
        return item;
    }

    public SandboxMediaItem? Find(string id)
    {
        lock (_gate) return _items.GetValueOrDefault(id);
    }
}
