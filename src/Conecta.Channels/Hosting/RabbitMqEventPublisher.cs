using System.Buffers;
using System.Collections.Concurrent;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.DevTools;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Conecta.Channels.Hosting;

/// <summary>
/// The inbound path's publisher on RabbitMQ: RabbitMQ.Client directly, many publishes in flight on a few channels
/// with tracked publisher confirms, into MassTransit's own exchanges (one durable fanout per message type) in
/// MassTransit's envelope (<see cref="EventEnvelope"/>), so the platform's MassTransit consumers read them unchanged.
/// A publish completes when the broker confirmed it; it is mandatory, so a message no queue took fails (RabbitMQ
/// would confirm and drop it). Before the first publish on each connection the event queue
/// (<see cref="EventsOptions.Queue"/>) is declared and bound to every event exchange.
/// </summary>
/// <remarks>
/// Its own connection, opened again after a failure instead of left to the client's automatic recovery (which, in
/// RabbitMQ.Client 7.2.2, the fault suite saw stop an endpoint for good after a broker restart); a broken connection
/// is abandoned, its disposal not awaited by any publish.
/// </remarks>
internal sealed partial class RabbitMqEventPublisher(
    string rabbitMqUri,
    EventEnvelope envelope,
    IOptions<EventsOptions> options,
    IOptions<Scaling.BusTopologyOptions> topology,
    ILogger<RabbitMqEventPublisher> logger,
    PublishedEventFeed? feed = null) : BackgroundService, IEventPublisher
{
    /// <summary>The queue the session machine read the contacts' messages from before it ran in the webhook.</summary>
    private const string RetiredSessionsBinding = "conecta-sessions";

    private static readonly ConcurrentDictionary<Type, CachedString> Exchanges = new();

    private readonly ConnectionFactory _factory = new()
    {
        Uri = QueueConsumers.AmqpUri(rabbitMqUri),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        AutomaticRecoveryEnabled = false,
        ClientProvidedName = "conecta-channels inbound publisher",
    };
    private readonly SemaphoreSlim _opening = new(1, 1);
    private Link? _link;
    private int _turn;

    private sealed record Link(IConnection Connection, IChannel[] Channels)
    {
        public bool IsOpen => Connection.IsOpen && Channels.All(c => c.IsOpen);
    }

    /// <summary>
    /// Opens the link (and so declares the event queues) at start, not at the first webhook: the outcomes MassTransit
    /// publishes for commands need those queues too. While the broker is away it tries again every few seconds.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await OpenAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDeclareFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    public async Task PublishAsync(object message, Guid messageId, CancellationToken cancellationToken)
    {
        var link = await OpenAsync(cancellationToken);
        var channel = link.Channels[(int)((uint)Interlocked.Increment(ref _turn) % link.Channels.Length)];
        var body = new ArrayBufferWriter<byte>(1024);
        envelope.Write(body, message, messageId);
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = EventEnvelope.ContentType,
            MessageId = messageId.ToString(),
        };
        try
        {
            await channel.BasicPublishAsync(Exchanges.GetOrAdd(message.GetType(), static t => new CachedString(EventEnvelope.EntityName(t))),
                CachedString.Empty, mandatory: true, properties, body.WrittenMemory, cancellationToken);
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException)
        {
            Abandon(link);
            throw;
        }
        feed?.Published(message, messageId);
    }

    private async ValueTask<Link> OpenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _link) is { IsOpen: true } open) return open;
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_link is { IsOpen: true } opened) return opened;
            if (_link is { } broken) Abandon(broken);
            var connection = await _factory.CreateConnectionAsync(cancellationToken);
            try
            {
                var channels = new IChannel[Math.Max(1, options.Value.PublishChannels)];
                for (var i = 0; i < channels.Length; i++)
                    // The client's own limit on confirms in flight is off: InboundDelivery bounds publishes, and the
                    // client's default throttles (delays) each publish past 64 outstanding.
                    channels[i] = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
                        publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null), cancellationToken);
                await DeclareAsync(connection, cancellationToken);
                return _link = new Link(connection, channels);
            }
            catch
            {
                _ = DisposeQuietlyAsync(connection);
                throw;
            }
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>The event exchanges in MassTransit's shape (durable fanout), the event queue bound to each.</summary>
    private async Task DeclareAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var type in EventTypes)
            await channel.ExchangeDeclareAsync(EventEnvelope.EntityName(type), ExchangeType.Fanout, durable: true, autoDelete: false,
                cancellationToken: cancellationToken);
        if (options.Value.Queue is { Length: > 0 } queue)
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, Scaling.QueueTypes.ArgumentsOf(topology.Value),
                cancellationToken: cancellationToken);
            foreach (var type in EventTypes)
                await channel.QueueBindAsync(queue, EventEnvelope.EntityName(type), routingKey: "", cancellationToken: cancellationToken);
        }
        await RetireSessionsBindingAsync(connection, cancellationToken);
    }

    /// <summary>
    /// MassTransit bound InboundMessageReceived to the sessions endpoint while it had a consumer for it, and never
    /// unbinds: left, every message would be stored there again (and moved to its _skipped queue). On its own
    /// channel: where that endpoint was never declared the broker refuses the unbind and closes the channel.
    /// </summary>
    private static async Task RetireSessionsBindingAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.ExchangeUnbindAsync(RetiredSessionsBinding, EventEnvelope.EntityName(typeof(InboundMessageReceived)), routingKey: "",
                cancellationToken: cancellationToken);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            // Nothing bound: a broker that never had the old endpoint.
        }
    }

    /// <summary>Every event contract: the records of the contracts' Events namespace that carry an EventId.</summary>
    internal static readonly IReadOnlyList<Type> EventTypes = typeof(InboundMessageReceived).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(InboundMessageReceived).Namespace && t.GetProperty(nameof(InboundMessageReceived.EventId)) is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    private void Abandon(Link link)
    {
        if (Interlocked.CompareExchange(ref _link, null, link) != link) return;
        LogConnectionLost(logger);
        _ = DisposeQuietlyAsync(link.Connection);
    }

    private async Task DisposeQuietlyAsync(IConnection connection)
    {
        try
        {
            // Bounded: a connection broken mid-write may never finish closing (RabbitMQ.Client 7.2.2's GH-1960).
            await connection.AbortAsync(TimeSpan.FromSeconds(5)).WaitAsync(TimeSpan.FromSeconds(10));
            await connection.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e)
        {
            LogCloseFailed(logger, e);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _link, null) is { } link) await DisposeQuietlyAsync(link.Connection);
    }

    public override void Dispose()
    {
        _opening.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not declare the event queue yet (RabbitMQ unreachable?); trying again in 5 s")]
    private static partial void LogDeclareFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound publisher lost its RabbitMQ connection; the next publish opens a new one")]
    private static partial void LogConnectionLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing an abandoned RabbitMQ connection failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);
}
