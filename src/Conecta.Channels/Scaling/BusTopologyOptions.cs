namespace Conecta.Channels.Scaling;

/// <summary>The kind of queue the service declares on RabbitMQ (<c>x-queue-type</c>).</summary>
internal enum QueueType { Classic, Quorum }

/// <summary>
/// How the service's queues are laid out on RabbitMQ when several instances share one broker (see docs/scaling.md).
/// The defaults are the single-instance topology of earlier releases: one queue per consumer, order per contact kept
/// in memory, classic queues.
/// </summary>
internal sealed class BusTopologyOptions
{
    public const string Section = "Bus:Topology";

    /// <summary>
    /// Partition queues per command queue (<c>conecta-outbound-p0</c>…): a router forwards each command by a stable hash of
    /// its contact, and one instance at a time works a partition (single active consumer), so a contact's commands stay in
    /// order across instances. Every instance must use the same number. 0: no partitions, today's topology.
    /// </summary>
    public int Partitions { get; set; }

    /// <summary>Commands one instance works at once per partition it is active on (different contacts; one at a time per contact).</summary>
    public int PartitionPrefetch { get; set; } = 64;

    /// <summary>
    /// Commands the active router forwards at once (one at a time per contact). MassTransit dispatches the messages it holds
    /// concurrently, so above 1 a contact's later command can reach the in-memory partitioner first under load; 1 (and a
    /// <see cref="PartitionPrefetch"/> of 1) is strict arrival order, at one confirmed forward at a time.
    /// </summary>
    public int RouterPrefetch { get; set; } = 256;

    /// <summary>
    /// This instance's place among <see cref="InstanceCount"/>: it subscribes first to the partitions p with
    /// p mod InstanceCount = InstanceIndex, and to the others <see cref="StandbyDelay"/> later as a standby, so instances
    /// started together share the partitions. Unset (both): every partition at once.
    /// </summary>
    public int? InstanceIndex { get; set; }

    public int? InstanceCount { get; set; }

    /// <summary>How long an instance waits before it subscribes to the partitions another instance prefers.</summary>
    public TimeSpan StandbyDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Classic, or Quorum: replicated queues with a delivery limit and a poison queue (<c>&lt;queue&gt;_poison</c>).</summary>
    public QueueType QueueType { get; set; } = QueueType.Classic;

    /// <summary>
    /// Quorum only: deliveries of one message the broker allows (<c>x-delivery-limit</c>) before it dead-letters it to the
    /// queue's poison queue. A delivery counts when it was returned unacknowledged: its consumer crashed or lost the channel.
    /// </summary>
    public int DeliveryLimit { get; set; } = 20;

    public bool Partitioned => Partitions > 0;

    public const int MaxPartitions = 1024;

    /// <summary>The first start error of these options, naming the option; null when they are valid.</summary>
    public string? Invalid(bool onRabbitMq, bool isolatedQueues) => this switch
    {
        { Partitions: < 0 or > MaxPartitions } => $"Bus:Topology:Partitions must be between 0 (no partitions) and {MaxPartitions}.",
        { Partitioned: true } when !onRabbitMq => "Bus:Topology:Partitions needs RabbitMQ (ConnectionStrings:RabbitMq): partitions are broker queues.",
        { PartitionPrefetch: < 1 or > 10_000 } => "Bus:Topology:PartitionPrefetch must be between 1 and 10000.",
        { RouterPrefetch: < 1 or > 10_000 } => "Bus:Topology:RouterPrefetch must be between 1 and 10000.",
        { InstanceIndex: null, InstanceCount: not null } or { InstanceIndex: not null, InstanceCount: null } =>
            "Bus:Topology:InstanceIndex and Bus:Topology:InstanceCount are set together or not at all.",
        { InstanceCount: < 1 } => "Bus:Topology:InstanceCount must be at least 1.",
        { InstanceIndex: { } index, InstanceCount: { } count } when index < 0 || index >= count =>
            "Bus:Topology:InstanceIndex must be between 0 and Bus:Topology:InstanceCount - 1.",
        { StandbyDelay.Ticks: < 0 } => "Bus:Topology:StandbyDelay must not be negative.",
        { QueueType: not (QueueType.Classic or QueueType.Quorum) } => "Bus:Topology:QueueType must be Classic or Quorum.",
        { DeliveryLimit: < 1 } => "Bus:Topology:DeliveryLimit must be at least 1.",
        { QueueType: QueueType.Quorum } when isolatedQueues =>
            "Bus:Topology:QueueType Quorum cannot be used with Bus:InstanceId: its temporary queues cannot be quorum queues.",
        _ => null,
    };

    /// <summary>The partitions this instance subscribes to first: its share when it knows its place, else all of them.</summary>
    public IEnumerable<int> PreferredPartitions() =>
        Enumerable.Range(0, Partitions).Where(p => InstanceIndex is not { } index || p % InstanceCount!.Value == index);

    /// <summary>The partitions it subscribes to <see cref="StandbyDelay"/> later, as another instance's standby.</summary>
    public IEnumerable<int> StandbyPartitions() => Enumerable.Range(0, Partitions).Except(PreferredPartitions());
}

/// <summary>Checks <see cref="BusTopologyOptions"/> at start: the message names the option.</summary>
internal sealed class BusTopologyValidation(bool onRabbitMq, bool isolatedQueues) : Microsoft.Extensions.Options.IValidateOptions<BusTopologyOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, BusTopologyOptions options) =>
        options.Invalid(onRabbitMq, isolatedQueues) is { } error
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(error)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
