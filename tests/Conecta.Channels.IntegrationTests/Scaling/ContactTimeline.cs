using System.Collections.Concurrent;
using Conecta.Channels.Contracts.Commands;
using MassTransit;

namespace Conecta.Channels.IntegrationTests.Scaling;

/// <summary>One text command the outbound consumer of one instance worked, from which partition queue.</summary>
internal sealed record Worked(string Instance, string Queue, string Contact, int Sequence);

/// <summary>
/// Watches the outbound consumers of several instances in this process (a consume observer on each bus) and records which
/// instance worked each text, from which partition queue. (An observer sees a message as it is dispatched, before the
/// in-memory partitioner: when the work itself ran is read from the Graph fake.)
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
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is SendText text && PartitionQueueOf(context) is { } queue)
                timeline._worked.Enqueue(new Worked(instance, queue, text.To,
                    int.Parse(text.Text["seq ".Length..], System.Globalization.CultureInfo.InvariantCulture)));
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

        /// <summary>Only the consumers of the partition queues: the router reads the same commands from the shared queue.</summary>
        private static string? PartitionQueueOf(ConsumeContext context) =>
            context.ReceiveContext.InputAddress.Segments[^1] is var queue && queue.Contains("-p", StringComparison.Ordinal) ? queue : null;
    }
}
