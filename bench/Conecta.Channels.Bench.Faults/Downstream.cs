using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Conecta.Channels.Bench.Faults;

/// <summary>
/// The core platform's side of the bus: a durable queue of the bench's own, bound to the service's event exchanges,
/// consumed with RabbitMQ.Client directly and connected again whenever the broker drops it. Not through a MassTransit
/// receive endpoint: after a broker restart RabbitMQ.Client 7.2.2 can leave one without a channel for good (what the
/// service's bus watchdog is for), and the side that counts must not fail the way the side under test may.
/// </summary>
internal sealed class Downstream(string rabbitMq, string queue) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<string, Action<JsonElement, bool>> _handlers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _consuming = Task.CompletedTask;

    /// <summary>Handles <typeparamref name="T"/> (published by MassTransit to the exchange named after its type) with whether the broker redelivered it.</summary>
    public Downstream On<T>(Action<T, bool> handle)
    {
        _handlers[typeof(T).Namespace + ":" + typeof(T).Name] = (message, redelivered) => handle(message.Deserialize<T>(Json)!, redelivered);
        return this;
    }

    /// <summary>Returns once the queue is declared, bound and consumed; then keeps consuming across broker restarts.</summary>
    public async Task StartAsync(TimeSpan within)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _consuming = ConsumeAsync(started, _stop.Token);
        await started.Task.WaitAsync(within);
    }

    private async Task ConsumeAsync(TaskCompletionSource started, CancellationToken stop)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(rabbitMq),
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = "fault bench downstream",
        };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(stop);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: stop);
                var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.ConnectionShutdownAsync += (_, _) => Close(closed);
                channel.ChannelShutdownAsync += (_, _) => Close(closed);
                // Durable and kept: what the broker holds when it restarts is still there after.
                await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stop);
                foreach (var exchange in _handlers.Keys)
                {
                    // The shape MassTransit declares its message-type exchanges with.
                    await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: stop);
                    await channel.QueueBindAsync(queue, exchange, routingKey: "", cancellationToken: stop);
                }
                await channel.BasicQosAsync(0, 1_000, global: false, stop);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += async (_, delivery) =>
                {
                    try
                    {
                        Dispatch(delivery.Body.Span, delivery.Redelivered);
                    }
                    catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                    {
                        // Not a message the bench can read: counted nowhere, said once each, and not left unacknowledged.
                        Log.Info($"downstream {queue}: unreadable message ({e.GetType().Name})");
                    }
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
                };
                await channel.BasicConsumeAsync(queue, autoAck: false, consumer, stop);
                started.TrySetResult();
                await closed.Task.WaitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.Info($"downstream {queue}: {e.GetType().Name}, connecting again in 1 s");
                try
                {
                    await Task.Delay(1_000, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static Task Close(TaskCompletionSource closed)
    {
        closed.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>A MassTransit envelope: the message's type URNs and the message itself.</summary>
    private void Dispatch(ReadOnlySpan<byte> body, bool redelivered)
    {
        using var envelope = JsonDocument.Parse(body.ToArray());
        foreach (var urn in envelope.RootElement.GetProperty("messageType").EnumerateArray())
        {
            if (_handlers.TryGetValue(urn.GetString()!["urn:message:".Length..], out var handle))
            {
                handle(envelope.RootElement.GetProperty("message"), redelivered);
                return;
            }
        }
    }

    /// <summary>Stops consuming; what the queue still holds stays there. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await _consuming;
    }

    /// <summary>A bus that only publishes (the commands), with confirms.</summary>
    public static IBusControl CreatePublisher(string rabbitMq) =>
        Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(rabbitMq), host =>
            {
                host.PublisherConfirmation = true;
                host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
            });
        });

    /// <summary>Starts the bus, retrying while the broker is (re)starting.</summary>
    public static async Task StartAsync(IBusControl bus, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await bus.StartAsync(timeout.Token);
    }

    public static async Task StopAsync(IBusControl bus)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await bus.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Log.Info("the bench's bus did not stop within 15 s");
        }
    }
}
