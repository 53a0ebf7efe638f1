using System.Text.Json;
using RabbitMQ.Client;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// Stands in for the core platform: a durable queue on the real broker bound to the event exchanges
/// MassTransit publishes to. Durable and not exclusive, so it survives a broker restart.
/// </summary>
internal sealed class QueueProbe : IAsyncDisposable
{
    private readonly string _queue = "it-probe-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _broker;

    private QueueProbe(string broker) => _broker = broker;

    public static Task<QueueProbe> BindAsync(params string[] eventTypes) => BindOnAsync(Servers.RabbitMq, eventTypes);

    /// <summary>On the broker (virtual host) of an app of its own, such as <see cref="AppFactory.RabbitMq"/>.</summary>
    public static async Task<QueueProbe> BindOnAsync(string broker, params string[] eventTypes)
    {
        var probe = new QueueProbe(broker);
        await using var connection = await ConnectAsync(broker);
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(probe._queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var type in eventTypes)
        {
            var exchange = "Conecta.Channels.Contracts.Events:" + type;
            // Same shape MassTransit declares: durable fanout.
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(probe._queue, exchange, routingKey: "");
        }
        return probe;
    }

    /// <summary>
    /// Takes what arrives until <paramref name="expected"/> messages came (then waits a little more
    /// so extras would show) or the timeout passes.
    /// </summary>
    public async Task<List<BusMessage>> TakeAsync(int expected, TimeSpan? timeout = null, TimeSpan? settle = null,
        Func<BusMessage, bool>? only = null)
    {
        var received = new List<BusMessage>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        var settleUntil = DateTime.MaxValue;
        await using var connection = await ConnectAsync(_broker);
        await using var channel = await connection.CreateChannelAsync();
        while (DateTime.UtcNow < deadline && DateTime.UtcNow < settleUntil)
        {
            var result = await channel.BasicGetAsync(_queue, autoAck: true);
            if (result is null)
            {
                await Task.Delay(50);
                continue;
            }
            var message = BusMessage.Parse(result.Body.ToArray());
            // Late outcomes of an earlier test may arrive here too: keep only what this test is about.
            if (only is not null && !only(message)) continue;
            received.Add(message);
            if (received.Count >= expected && settleUntil == DateTime.MaxValue)
                settleUntil = DateTime.UtcNow + (settle ?? TimeSpan.FromMilliseconds(750));
        }
        return received;
    }

    /// <summary>
    /// For "nothing was published": takes what arrives up to and including the first message that is
    /// <paramref name="marker"/>, an event the test caused only after the request that must publish nothing had been
    /// answered. A webhook publishes before it answers, so anything that request published is in the queue ahead of the
    /// marker: the check waits for a positive event, never for a quiet spell that a slow machine would pass.
    /// </summary>
    public async Task<List<BusMessage>> TakeUntilAsync(Func<BusMessage, bool> marker, Func<BusMessage, bool>? only = null)
    {
        var received = new List<BusMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        await using var connection = await ConnectAsync(_broker);
        await using var channel = await connection.CreateChannelAsync();
        while (DateTime.UtcNow < deadline)
        {
            var result = await channel.BasicGetAsync(_queue, autoAck: true);
            if (result is null)
            {
                await Task.Delay(50);
                continue;
            }
            var message = BusMessage.Parse(result.Body.ToArray());
            if (!marker(message) && only is not null && !only(message)) continue;
            received.Add(message);
            if (marker(message)) return received;
        }
        throw new TimeoutException("the marker event never arrived: the negative check cannot conclude");
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await ConnectAsync(_broker);
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(_queue);
    }

    private static Task<IConnection> ConnectAsync(string broker) =>
        new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync();
}

/// <summary>A message as MassTransit put it on the wire: its envelope's ids, type and body.</summary>
internal sealed record BusMessage(Guid MessageId, string MessageType, JsonElement Message)
{
    public Guid EventId => Message.GetProperty("eventId").GetGuid();

    /// <summary>Messages about these accounts only: each test registers its own, and late messages of other tests share the exchanges.</summary>
    public static Func<BusMessage, bool> Of(params string[] accounts) =>
        m => accounts.Contains(m.Message.GetProperty("accountId").GetString());

    public static BusMessage Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var type = root.GetProperty("messageType")[0].GetString()!;
        return new BusMessage(root.GetProperty("messageId").GetGuid(), type[(type.LastIndexOf(':') + 1)..],
            root.GetProperty("message").Clone());
    }
}
