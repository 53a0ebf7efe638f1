using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conecta.Channels.RateLimits;

/// <summary>The limit a request is paced by when it leaves this process, and whose sends it counts with.</summary>
internal sealed record DispatchPace(string Key, RateLimit Limit)
{
    public static readonly HttpRequestOptionsKey<DispatchPace> OptionKey = new("conecta.dispatch.pace");
}

/// <summary>
/// The last step before the socket, inside the retries: every attempt of a paced request waits until
/// this process's own sends of its key keep the limit, and each send is counted from the moment its
/// first byte was written to the connection.
/// The shared limiter records a send when Redis says it may go, but the process acts on that answer
/// later — much later after a GC pause or while the two cores are busy — so sends admitted apart can
/// leave together and crowd one of the receiver's windows. Counting from the write instead, a late
/// send pushes back the ones after it, so no window on the wire holds more than the limit however
/// late the process is — unless a send is still unwritten a whole window after it was let go (its
/// record is then its earlier decision). It also counts the retries the shared limiter never sees.
/// </summary>
internal sealed class PacedDispatch(DispatchLimiter limiter, TimeProvider clock) : DelegatingHandler
{
    private static readonly AsyncLocal<PendingWrite?> Pending = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(DispatchPace.OptionKey, out var pace)) return await base.SendAsync(request, cancellationToken);
        // The window rule only: counted from the writes it holds on the wire by itself, while the
        // smoothing's millisecond gaps would cost a timer tick per send here (the shared limiter
        // smooths already). No deadline of its own: the attempt's timeout and the caller's token bound the wait.
        var limit = pace.Limit with { Smooth = false };
        var decided = (await limiter.Sends.AcquireAsync(pace.Key, limit, DateTimeOffset.MaxValue, cancellationToken))!.Value;
        // Flows into the connection's writes of this request (HTTP/1.1 writes in the caller's flow),
        // and only there: an async method's AsyncLocal change never reaches its caller.
        Pending.Value = new PendingWrite(writtenAt => limiter.Sends.Restamp(pace.Key, decided, writtenAt), clock);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The primary handler of a paced client: its connections tell the pending send when they
    /// first write. Connections are renewed now and then so DNS changes are followed.
    /// </summary>
    public static SocketsHttpHandler StampingHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new StampingStream(new NetworkStream(socket, ownsSocket: true));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Tells the pending send of the current flow, once, that its first byte is being written.</summary>
    internal static void NoteWrite() => Pending.Value?.Happened();

    internal sealed class PendingWrite(Action<DateTimeOffset> onFirstWrite, TimeProvider clock)
    {
        private Action<DateTimeOffset>? _onFirstWrite = onFirstWrite;

        public void Happened() => Interlocked.Exchange(ref _onFirstWrite, null)?.Invoke(clock.GetUtcNow());
    }
}

/// <summary>This process's own record of its paced sends, apart from the shared limiter's (one per process).</summary>
internal sealed class DispatchLimiter(TimeProvider clock)
{
    public InProcessRateLimiter Sends { get; } = new(clock);
}

/// <summary>A connection's stream that notes each write for <see cref="PacedDispatch"/>; otherwise the socket's own.</summary>
internal sealed class StampingStream(Stream inner) : Stream
{
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        PacedDispatch.NoteWrite();
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        PacedDispatch.NoteWrite();
        inner.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override bool CanRead => inner.CanRead;
    public override bool CanWrite => inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

internal static class PacedDispatchSetup
{
    /// <summary>Paces the client's requests that carry a <see cref="DispatchPace"/>; add it last, inside the retries.</summary>
    public static IHttpClientBuilder AddPacedDispatch(this IHttpClientBuilder client)
    {
        // One record per process, however many clients are paced.
        client.Services.TryAddSingleton<DispatchLimiter>();
        client.Services.TryAddTransient<PacedDispatch>();
        return client.AddHttpMessageHandler<PacedDispatch>().ConfigurePrimaryHttpMessageHandler(PacedDispatch.StampingHandler);
    }
}
