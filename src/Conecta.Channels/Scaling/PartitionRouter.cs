using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Scaling;

/// <summary>
/// Forwards a command from its shared queue to the partition queue of its contact (<see cref="Partitions.Of"/>), with the
/// message's own id and headers. The send is confirmed by the broker before the consumer returns, so the original is
/// acknowledged only once its copy is stored; a crash in between stores it twice, which the command ledger answers
/// (one outcome per CommandId).
/// </summary>
internal sealed class PartitionRouter(IOptions<BusTopologyOptions> options)
{
    private readonly int _partitions = options.Value.Partitions;
    private readonly ConcurrentDictionary<(string Queue, int Partition), Uri> _addresses = new();

    public async Task ForwardAsync<T>(ConsumeContext<T> context, string queue, string partitionKey) where T : class
    {
        var partition = Partitions.Of(partitionKey, _partitions);
        // The partition queue's own exchange (MassTransit declares one per receive endpoint): sending to "queue:" would
        // declare the queue, without the single-active-consumer argument the endpoint declares it with.
        var address = _addresses.GetOrAdd((queue, partition), key => new Uri("exchange:" + Partitions.QueueOf(key.Queue, key.Partition)));
        var endpoint = await context.GetSendEndpoint(address);
        await context.Forward(endpoint, Mandatory<T>.Pipe);
    }

    /// <summary>
    /// A partition queue no instance declared yet (a cold start, another instance's share not subscribed) returns the
    /// message instead of confirming it into nowhere: the forward fails and is tried again.
    /// </summary>
    private static class Mandatory<T> where T : class
    {
        public static readonly IPipe<SendContext<T>> Pipe = MassTransit.Pipe.Execute<SendContext<T>>(send =>
        {
            if (send.TryGetPayload<RabbitMqSendContext>(out var rabbitMq)) rabbitMq.Mandatory = true;
        });
    }

    /// <summary>
    /// The shared queue's endpoint: one active router across the instances (two routers would race a contact's commands
    /// into its partition out of order), the others standing by.
    /// </summary>
    public static void ConfigureEndpoint(IReceiveEndpointConfigurator endpoint, int prefetch)
    {
        endpoint.PrefetchCount = prefetch;
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq) rabbitMq.SingleActiveConsumer = true;
    }

    /// <summary>
    /// Inside the contact's in-memory partition, so the contact's next command waits for this one: a returned or
    /// unconfirmed forward (broker away, partition not declared yet) is tried again for about two minutes, then the command
    /// goes to the shared queue's _error queue and its Fault is answered like any given-up command.
    /// </summary>
    public static void Retry(IRetryConfigurator retry) =>
        retry.Intervals(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15),
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
}
