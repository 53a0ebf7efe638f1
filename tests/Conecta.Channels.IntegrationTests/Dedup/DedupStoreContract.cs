using Conecta.Channels.Dedup;

namespace Conecta.Channels.IntegrationTests.Dedup;

/// <summary>What every dedup store must do; run against Redis and against the in-process store.</summary>
public abstract class DedupStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(8);

    private protected abstract IDedupStore Store { get; }

    /// <summary>Lets a lease run out: real waiting on Redis, a fake clock in process.</summary>
    private protected abstract Task LetLeaseExpireAsync(TimeSpan lease);

    [Fact]
    public async Task New_ids_are_claimed_and_a_second_claim_sees_them_in_flight()
    {
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid()];

        var first = await Store.ClaimAsync(ids, Lease, default);
        var second = await Store.ClaimAsync(ids, Lease, default);

        Assert.Equal(ids.ToHashSet(), first.Claimed.ToHashSet());
        Assert.Empty(first.AlreadyDelivered);
        Assert.Empty(second.Claimed);
        Assert.Equal(ids.ToHashSet(), second.InFlight.ToHashSet());
    }

    [Fact]
    public async Task Delivered_ids_are_reported_as_delivered_and_never_claimed_again()
    {
        var delivered = Guid.NewGuid();
        var fresh = Guid.NewGuid();
        await Store.ClaimAsync([delivered], Lease, default);
        await Store.MarkDeliveredAsync([delivered], Retention, default);

        var claim = await Store.ClaimAsync([delivered, fresh], Lease, default);

        Assert.Equal([delivered], claim.AlreadyDelivered);
        Assert.Equal([fresh], claim.Claimed);
    }

    [Fact]
    public async Task Only_the_owner_can_release_a_claim()
    {
        var id = Guid.NewGuid();
        var owner = await Store.ClaimAsync([id], Lease, default);
        var other = await Store.ClaimAsync([id], Lease, default);

        await Store.ReleaseAsync(other, [id], default);
        var afterForeignRelease = await Store.ClaimAsync([id], Lease, default);
        await Store.ReleaseAsync(owner, [id], default);
        var afterOwnerRelease = await Store.ClaimAsync([id], Lease, default);

        Assert.Equal([id], afterForeignRelease.InFlight);
        Assert.Equal([id], afterOwnerRelease.Claimed);
    }

    [Fact]
    public async Task A_claim_whose_owner_died_can_be_taken_after_its_lease()
    {
        var id = Guid.NewGuid();
        var shortLease = TimeSpan.FromMilliseconds(300);
        await Store.ClaimAsync([id], shortLease, default);

        await LetLeaseExpireAsync(shortLease);
        var retry = await Store.ClaimAsync([id], Lease, default);

        Assert.Equal([id], retry.Claimed);
    }
}
