using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using MassTransit;

namespace Conecta.Channels.DevTools;

/// <summary>Development only: every message the service publishes, fanned out to the /dev/events streams.</summary>
internal sealed class PublishedEventFeed : IPublishObserver
{
    private const int BufferPerSubscriber = 1024;
    private static readonly SseItem<string> Connected = new("""{"messageType":"connected"}""", "connected");
    private readonly ConcurrentDictionary<Guid, Channel<SseItem<string>>> _subscribers = new();

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        Published(context.Message, context.MessageId);
        return Task.CompletedTask;
    }

    /// <summary>Also told directly by the inbound path's RabbitMQ publisher, which publishes without MassTransit.</summary>
    public void Published(object message, Guid? messageId)
    {
        if (_subscribers.IsEmpty) return;
        var item = new SseItem<string>(Describe(message), message.GetType().Name) { EventId = messageId?.ToString() };
        foreach (var subscriber in _subscribers.Values) subscriber.Writer.TryWrite(item);
    }

    /// <param name="stopping">The service stopping: the stream ends then too.</param>
    public async IAsyncEnumerable<SseItem<string>> Subscribe([EnumeratorCancellation] CancellationToken cancellationToken,
        CancellationToken stopping = default)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        // A slow reader loses its oldest events rather than holding the publisher back.
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(BufferPerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var id = Guid.NewGuid();
        _subscribers[id] = channel;
        try
        {
            // Sent at once so the client knows it is subscribed: nothing published after this is missed.
            yield return Connected;
            await foreach (var item in ReadUntilAsync(channel.Reader, ended.Token)) yield return item;
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }

    /// <summary>The items until the token ends the stream, which then simply ends (a client sees the stream close, no error).</summary>
    private static async IAsyncEnumerable<SseItem<string>> ReadUntilAsync(ChannelReader<SseItem<string>> reader, [EnumeratorCancellation] CancellationToken ended)
    {
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(ended)) yield break;
            }
            catch (OperationCanceledException) when (ended.IsCancellationRequested)
            {
                yield break;
            }
            while (reader.TryRead(out var item)) yield return item;
        }
    }

    /// <summary>One JSON object per event: {"messageType": "...", "message": {...}}.</summary>
    internal static string Describe(object message)
    {
        var type = message.GetType();
        var typeInfo = ContractsJsonContext.Default.GetTypeInfo(type)
            ?? throw new InvalidOperationException($"{type.Name} is not registered in {nameof(ContractsJsonContext)}.");
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("messageType", type.Name);
            writer.WritePropertyName("message");
            JsonSerializer.Serialize(writer, message, typeInfo);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
