using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Conecta.Channels.Bench.Outbound;

/// <summary>
/// The sends as the loopback wire saw them: tcpdump's capture (bench/outbound.sh starts it) of the
/// packets to the fake Graph API, stamped by the kernel when the service wrote them. The fake's own
/// stamps come later, after its process gets a core, and on this shared 2-core machine a busy moment
/// there squeezes sends that left evenly spaced into a few milliseconds: they measure the fake, not
/// the limiter. A remote provider's ingress sees what the wire carries.
/// </summary>
internal static partial class WireCapture
{
    /// <returns>Per phone number id, the unix millisecond of each send request between the bounds, ascending.</returns>
    public static Dictionary<string, List<double>> SendsBetween(string pcapFile, double fromUnixMs, double toUnixMs)
    {
        // Read while tcpdump still writes: share the file, and stop at a record that is not all there yet.
        using var stream = new FileStream(pcapFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var data = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        var sends = new Dictionary<string, List<double>>();
        if (data.Length < 24) return sends;
        // Microsecond (a1b2c3d4) or nanosecond (a1b23c4d) timestamps, in this machine's byte order.
        var nanos = BinaryPrimitives.ReadUInt32LittleEndian(data) == 0xa1b23c4d;
        for (var offset = 24; offset + 16 <= data.Length;)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
            var fraction = BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 4)..]);
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 8)..]);
            if (offset + 16 + length > data.Length) break;
            var at = seconds * 1000.0 + (nanos ? fraction / 1e6 : fraction / 1e3);
            if (at >= fromUnixMs && at <= toUnixMs &&
                SendRequest().Match(Encoding.Latin1.GetString(data.Slice(offset + 16, length))) is { Success: true } match)
            {
                var number = match.Groups[1].Value;
                if (!sends.TryGetValue(number, out var times)) sends[number] = times = [];
                times.Add(at);
            }
            offset += 16 + length;
        }
        foreach (var times in sends.Values) times.Sort();
        return sends;
    }

    [GeneratedRegex(@"POST /[^/ ]+/(\d+)/messages HTTP/")]
    private static partial Regex SendRequest();
}
