using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Conecta.Channels.Hosting;

/// <summary>
/// Asks RabbitMQ how many consumers each of our queues has. This is the ground truth the bus watchdog needs:
/// when RabbitMQ.Client 7.2.2 never re-creates an endpoint's channel after a broker restart, MassTransit still
/// reports that endpoint healthy while its queue has no consumer at all. One connection of its own, opened
/// again when the broker dropped it.
/// </summary>
internal sealed class QueueConsumers(string rabbitMqUri) : IAsyncDisposable
{
    private readonly ConnectionFactory _factory = new()
    {
        Uri = AmqpUri(rabbitMqUri),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        AutomaticRecoveryEnabled = false,
        ClientProvidedName = "conecta-channels bus watchdog",
    };
    private IConnection? _connection;

    /// <summary>MassTransit also takes rabbitmq:// and rabbitmqs://; RabbitMQ.Client only their amqp names.</summary>
    internal static Uri AmqpUri(string uri)
    {
        var builder = new UriBuilder(uri);
        builder.Scheme = builder.Scheme switch { "rabbitmq" => "amqp", "rabbitmqs" => "amqps", var scheme => scheme };
        return builder.Uri;
    }

    /// <summary>
    /// The queues the broker knows no consumer of (or does not know at all); null when the broker cannot be reached.
    /// A queue it will not tell about (another connection's exclusive queue) is not in the set.
    /// </summary>
    public async Task<IReadOnlySet<string>?> WithoutConsumersAsync(IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null) await _connection.DisposeAsync();
                _connection = await _factory.CreateConnectionAsync(cancellationToken);
            }
            var idle = new HashSet<string>();
            foreach (var queue in queues)
                if (!await HasConsumerAsync(_connection, queue, cancellationToken)) idle.Add(queue);
            return idle;
        }
        catch (Exception e) when (e is RabbitMQClientException or IOException or TimeoutException
                                       // RabbitMQ.Client 7 ends a reply that timed out as a cancelled task, not a TimeoutException.
                                       || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            return null;
        }
    }

    private static async Task<bool> HasConsumerAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A refused passive declare closes its channel: one channel per question.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount > 0;
        }
        catch (OperationInterruptedException e)
        {
            // 404: no such queue, so nobody consumes it. Anything else (405 locked, 403 refused): cannot tell.
            return e.ShutdownReason?.ReplyCode != 404;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
