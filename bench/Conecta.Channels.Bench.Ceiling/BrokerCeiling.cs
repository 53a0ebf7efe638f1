using System.Diagnostics;
using System.Globalization;
using System.Text;
using RabbitMQ.Client;

namespace Conecta.Channels.Bench.Ceiling;

/// <summary>
/// What the broker alone can take on this machine: persistent copies of one real event the service published
/// (taken from the bench's downstream queue, so size and properties are the service's own), published with
/// publisher confirms through a durable fanout exchange into a durable queue — the path of every inbound event —
/// with a fixed number in flight, by RabbitMQ.Client with nothing else in the way. Prints one line:
/// <c>BROKER_RESULT msgs_per_s=… bytes=… inflight=… seconds=… p50_ms=… p99_ms=… max_ms=…</c> (each publish's wait for its confirm). Its exchange and queue are deleted afterwards.
/// </summary>
/// <remarks>
/// Arguments: <c>--uri amqp://… --sample-queue Q --sample-type InboundMessageReceived --inflight 32 --seconds 8</c>, and
/// <c>--rate N</c> to start N publishes a second on an even schedule instead of as many as the confirms allow.
/// The sample is read with a requeueing get, so the queue keeps it.
/// </remarks>
internal static class BrokerCeiling
{
    private const string Target = "conecta-bench-broker-ceiling";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Arguments(args);
        var inflight = int.Parse(options["inflight"], CultureInfo.InvariantCulture);
        var seconds = double.Parse(options["seconds"], CultureInfo.InvariantCulture);
        // Paced: publishes start on an even schedule of this many per second (0: as fast as confirms come back).
        var rate = options.TryGetValue("rate", out var r) ? double.Parse(r, CultureInfo.InvariantCulture) : 0;
        var factory = new ConnectionFactory { Uri = new Uri(options["uri"]) };
        await using var connection = await factory.CreateConnectionAsync();

        var (properties, body) = await SampleAsync(connection, options["sample-queue"], options["sample-type"]);
        // Tracking on, the client's own limiter off: the loops below are the only bound on what is in flight.
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null));
        await channel.ExchangeDeclareAsync(Target, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(Target, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(Target, Target, routingKey: "");
        try
        {
            var clock = Stopwatch.StartNew();
            var until = TimeSpan.FromSeconds(seconds);
            // Each loop keeps one publish in flight: publish, wait for its confirm, publish again. Each loop records
            // its own confirm latencies (milliseconds), merged at the end.
            long slots = 0;
            var latencies = await Task.WhenAll(Enumerable.Range(0, inflight).Select(async _ =>
            {
                var own = new List<double>();
                while (clock.Elapsed < until)
                {
                    if (rate > 0)
                    {
                        var due = TimeSpan.FromSeconds(Interlocked.Increment(ref slots) / rate);
                        if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                    }
                    var sent = clock.Elapsed;
                    await channel.BasicPublishAsync(Target, "", mandatory: true, properties, body);
                    own.Add((clock.Elapsed - sent).TotalMilliseconds);
                }
                return own;
            }));
            var elapsed = clock.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BROKER_RESULT msgs_per_s={all.Length / elapsed:F1} bytes={body.Length} inflight={inflight} seconds={elapsed:F3} p50_ms={Percentile(all, 0.50):F2} p99_ms={Percentile(all, 0.99):F2} max_ms={all[^1]:F2}"));
            return 0;
        }
        finally
        {
            await channel.QueueDeleteAsync(Target);
            await channel.ExchangeDeleteAsync(Target);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>The first message of that type in the queue, its properties kept (persistent, content type, headers).</summary>
    private static async Task<(BasicProperties Properties, ReadOnlyMemory<byte> Body)> SampleAsync(IConnection connection, string queue, string type)
    {
        await using var channel = await connection.CreateChannelAsync();
        var seen = new List<ulong>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false) is { } message)
            {
                seen.Add(message.DeliveryTag);
                if (!Encoding.UTF8.GetString(message.Body.Span).Contains($":{type}\"", StringComparison.Ordinal)) continue;
                return (new BasicProperties(message.BasicProperties), message.Body.ToArray());
            }
            throw new InvalidOperationException($"No {type} in queue {queue} to copy.");
        }
        finally
        {
            foreach (var tag in seen) await channel.BasicNackAsync(tag, multiple: false, requeue: true);
        }
    }

    private static Dictionary<string, string> Arguments(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            options[args[i][2..]] = args[i + 1];
        }
        foreach (var required in new[] { "uri", "sample-queue", "sample-type", "inflight", "seconds" })
            if (!options.ContainsKey(required)) throw new ArgumentException($"--{required} is required.");
        return options;
    }
}
