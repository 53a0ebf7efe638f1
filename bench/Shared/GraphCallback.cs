using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Conecta.Channels.Bench;

/// <summary>
/// The CommandId the service puts in every Graph send (biz_opaque_callback_data), read by the fake
/// Graph APIs of the benchmarks so a command sent twice is seen. Compiled into each bench project.
/// </summary>
internal static class GraphCallback
{
    private static readonly byte[] Field = "\"biz_opaque_callback_data\":\""u8.ToArray();

    /// <returns>The CommandId, or Guid.Empty when the body carries none.</returns>
    public static async Task<Guid> ReadCommandIdAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted)
            {
                var commandId = Find(read.Buffer);
                reader.AdvanceTo(read.Buffer.End);
                return commandId;
            }
            // Nothing consumed until the whole body is in: it is a few hundred bytes.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static Guid Find(ReadOnlySequence<byte> body)
    {
        var bytes = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
        var start = bytes.IndexOf(Field);
        if (start < 0) return Guid.Empty;
        var value = bytes[(start + Field.Length)..];
        var end = value.IndexOf((byte)'"');
        return end > 0 && Guid.TryParse(Encoding.ASCII.GetString(value[..end]), out var id) ? id : Guid.Empty;
    }
}
