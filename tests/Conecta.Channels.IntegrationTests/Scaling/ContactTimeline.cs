using System.Collections.Concurrent;
using System.Diagnostics;
using Conecta.Channels.Contracts.Commands;
using MassTransit;

namespace Conecta.Channels.IntegrationTests.Scaling;

/// <summary>One text command worked by the outbound consumer of one instance, from its start to its end.</summary>
internal sealed record Worked(string Instance, string Queue, string Contact, int Sequence, long Start, long End);

/// <summary>
/// Watches the outbound consumers of several instances in this process (a consume observer on each bus) and records when
/// each partition queue's consumer worked each text: one clock for all instances, so overlaps between them show.
/// </summary>
internal sealed class ContactTimeline
{
    private readonly ConcurrentQueue<Worked> _worked = new();

    public IReadOnlyList<Worked> Worked => _worked.ToList();

    public void Watch(IBus bus, string instance) => bus.ConnectConsumeObserver(new Observer(this, instance));

    /// <summary>The sequence number a test puts in a text ("seq 3").</summary>
    public static string Text(int sequence) => "seq " + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Observer(ContactTimeline timeline, string instance) : IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, long> _started = new();

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is SendText && PartitionQueueOf(context) is not null) _started[context.MessageId!.Value] = Stopwatch.GetTimestamp();
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => End(context);

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => End(context);

        private Task End<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is SendText text && PartitionQueueOf(context) is { } queue && _started.TryRemove(context.MessageId!.Value, out var start))
                timeline._worked.Enqueue(new Worked(instance, queue, text.To,
                    int.Parse(text.Text["seq ".Length..], System.Globalization.CultureInfo.InvariantCulture), start, Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        }

        /// <summary>Only the consumers of the partition queues: the router reads the same commands from the shared queue.</summary>
        private static string? PartitionQueueOf(ConsumeContext context) =>
            context.ReceiveContext.InputAddress.Segments[^1] is var queue && queue.Contains("-p", StringComparison.Ordinal) ? queue : null;
    }
}
