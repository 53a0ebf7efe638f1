using Conecta.Channels.Scaling;

namespace Conecta.Channels.Tests.Scaling;

public sealed class BusTopologyOptionsTests
{
    [Fact]
    public void The_default_is_the_single_instance_topology_and_valid()
    {
        var defaults = new BusTopologyOptions();

        Assert.False(defaults.Partitioned);
        Assert.Equal(QueueType.Classic, defaults.QueueType);
        Assert.Null(defaults.Invalid(onRabbitMq: false, isolatedQueues: true));
        Assert.Empty(defaults.PreferredPartitions());
    }

    private static readonly Dictionary<string, (BusTopologyOptions Options, bool OnRabbitMq, bool IsolatedQueues, string Error)> Cases = new()
    {
        ["partitions above the maximum"] = (new() { Partitions = 1025 }, true, false, "Bus:Topology:Partitions must be between 0 (no partitions) and 1024."),
        ["partitions on the in-memory bus"] = (new() { Partitions = 4 }, false, false, "Bus:Topology:Partitions needs RabbitMQ (ConnectionStrings:RabbitMq): partitions are broker queues."),
        ["a count without an index"] = (new() { Partitions = 4, InstanceCount = 3 }, true, false, "Bus:Topology:InstanceIndex and Bus:Topology:InstanceCount are set together or not at all."),
        ["an index past the count"] = (new() { Partitions = 4, InstanceIndex = 3, InstanceCount = 3 }, true, false, "Bus:Topology:InstanceIndex must be between 0 and Bus:Topology:InstanceCount - 1."),
        ["no instances"] = (new() { Partitions = 4, InstanceIndex = 0, InstanceCount = 0 }, true, false, "Bus:Topology:InstanceCount must be at least 1."),
        ["a negative standby delay"] = (new() { StandbyDelay = TimeSpan.FromSeconds(-1) }, true, false, "Bus:Topology:StandbyDelay must not be negative."),
        ["no router prefetch"] = (new() { RouterPrefetch = 0 }, true, false, "Bus:Topology:RouterPrefetch must be between 1 and 10000."),
        ["no deliveries"] = (new() { DeliveryLimit = 0 }, true, false, "Bus:Topology:DeliveryLimit must be at least 1."),
        ["quorum with temporary queues"] = (new() { QueueType = QueueType.Quorum }, true, true, "Bus:Topology:QueueType Quorum cannot be used with Bus:InstanceId: its temporary queues cannot be quorum queues."),
    };

    public static TheoryData<string> Invalid => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses(string what)
    {
        var (options, onRabbitMq, isolatedQueues, error) = Cases[what];

        Assert.Equal(error, options.Invalid(onRabbitMq, isolatedQueues));
    }

    [Fact]
    public void An_instance_prefers_its_stripe_of_the_partitions_and_stands_by_for_the_rest()
    {
        var second = new BusTopologyOptions { Partitions = 8, InstanceIndex = 1, InstanceCount = 3 };

        Assert.Equal([1, 4, 7], second.PreferredPartitions());
        Assert.Equal([0, 2, 3, 5, 6], second.StandbyPartitions());
    }

    [Fact]
    public void An_instance_that_does_not_know_its_place_takes_every_partition_at_once()
    {
        var anyone = new BusTopologyOptions { Partitions = 3 };

        Assert.Equal([0, 1, 2], anyone.PreferredPartitions());
        Assert.Empty(anyone.StandbyPartitions());
    }
}

public sealed class PartitionsTests
{
    [Fact]
    public void A_contact_key_lands_on_the_same_partition_in_every_process()
    {
        // XxHash32 of the UTF-8 bytes, seed 0: fixed by its specification, unlike string.GetHashCode.
        Assert.Equal(System.IO.Hashing.XxHash32.HashToUInt32("1122334455667|5531988887777"u8) % 12, (uint)Partitions.Of("1122334455667|5531988887777", 12));
        Assert.Equal(Partitions.Of("1122334455667|5531988887777", 12), Partitions.Of("1122334455667|5531988887777", 12));
    }

    [Fact]
    public void Contacts_spread_evenly_over_the_partitions()
    {
        var counts = Enumerable.Range(0, 12_000).Select(i => Partitions.Of("1122334455667|55319" + (80_000_000 + i), 12))
            .CountBy(p => p).ToDictionary();

        Assert.Equal(12, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void A_partition_queue_is_named_after_its_queue() => Assert.Equal("conecta-outbound-p11", Partitions.QueueOf("conecta-outbound", 11));
}
