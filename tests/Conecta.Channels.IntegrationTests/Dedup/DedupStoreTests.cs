using Conecta.Channels.Dedup;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Dedup;

[Collection(ServersCollection.Name)]
public sealed class RedisDedupStoreTests : DedupStoreContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(Servers.Redis);

    private protected override IDedupStore Store => new RedisDedupStore(_redis);

    private protected override Task LetLeaseExpireAsync(TimeSpan lease) => Task.Delay(lease + TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task Delivered_keys_expire_after_the_retention()
    {
        var id = Guid.NewGuid();
        await Store.MarkDeliveredAsync([id], TimeSpan.FromDays(8), default);

        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(RedisDedupStore.Keys([id])[0]);

        Assert.InRange(ttl!.Value, TimeSpan.FromDays(8) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(8));
    }

    public void Dispose() => _redis.Dispose();
}

public sealed class InProcessDedupStoreTests : DedupStoreContract
{
    private readonly FakeTimeProvider _clock = new();

    public InProcessDedupStoreTests() => Store = new InProcessDedupStore(_clock);

    private protected override IDedupStore Store { get; }

    private protected override Task LetLeaseExpireAsync(TimeSpan lease)
    {
        _clock.Advance(lease + TimeSpan.FromMilliseconds(1));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Delivered_entries_are_forgotten_after_the_retention()
    {
        var id = Guid.NewGuid();
        await Store.MarkDeliveredAsync([id], TimeSpan.FromDays(8), default);

        _clock.Advance(TimeSpan.FromDays(8) + TimeSpan.FromSeconds(1));
        var claim = await Store.ClaimAsync([id], TimeSpan.FromSeconds(30), default);

        Assert.Equal([id], claim.Claimed);
    }
}
