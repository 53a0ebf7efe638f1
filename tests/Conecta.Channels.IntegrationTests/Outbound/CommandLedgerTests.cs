using Conecta.Channels.Contracts.Events;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Outbound;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using CommandStatus = Conecta.Channels.Outbound.CommandStatus;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>The contract on Redis: <see cref="SingleRedisCommandLedgerTests"/> on one server, <see cref="RedisClusterCommandLedgerTests"/> on a cluster.</summary>
public abstract class RedisCommandLedgerTests(ConnectionMultiplexer redis) : CommandLedgerContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis = redis;

    private protected override ICommandLedger Ledger => new RedisCommandLedger(_redis);

    private protected override Task LetPassAsync(TimeSpan duration) => Task.Delay(duration);

    [Fact]
    public async Task The_outcome_and_the_message_index_expire_after_the_retention()
    {
        var commandId = Guid.NewGuid();
        var wamid = NewWamid();

        await StartAndCompleteAsync(commandId, Accepted(commandId, wamid));

        // The key names are what other instances (and older versions) read: they are part of the contract.
        await AssertExpiresAfterRetentionAsync($"conecta:command:{commandId:N}");
        await AssertExpiresAfterRetentionAsync($"conecta:message:{Account}:{wamid}");
    }

    [Fact]
    public async Task A_status_is_kept_for_the_retention_under_its_own_key()
    {
        var commandId = Guid.NewGuid();
        await StartAndCompleteAsync(commandId, Accepted(commandId, NewWamid()));

        await Ledger.RecordStatusAsync(commandId, new DeliveryStatus("sent", At, null), Retention, default);

        await AssertExpiresAfterRetentionAsync($"conecta:command-status:{commandId:N}");
    }

    [Fact]
    public async Task A_lease_is_held_for_its_length_only()
    {
        var commandId = Guid.NewGuid();

        await Ledger.BeginAsync(commandId, Lease, default);

        await AssertTimeToLiveAsync($"conecta:command:{commandId:N}", Lease);
    }

    [Fact]
    public async Task A_rejection_writes_no_message_index()
    {
        var commandId = Guid.NewGuid();

        await StartAndCompleteAsync(commandId, Rejected(commandId, RejectionReason.Undeliverable));

        await AssertExpiresAfterRetentionAsync($"conecta:command:{commandId:N}");
        // A rejection has no wamid; an index under an empty one would match statuses that carry none.
        Assert.False(await _redis.GetDatabase().KeyExistsAsync($"conecta:message:{Account}:"));
    }

    private Task AssertExpiresAfterRetentionAsync(string key) => AssertTimeToLiveAsync(key, Retention);

    private async Task AssertTimeToLiveAsync(string key, TimeSpan expected)
    {
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, expected - TimeSpan.FromSeconds(5), expected);
    }

    public void Dispose()
    {
        _redis.Dispose();
        GC.SuppressFinalize(this);
    }
}

[Collection(ServersCollection.Name)]
public sealed class SingleRedisCommandLedgerTests() : RedisCommandLedgerTests(ConnectionMultiplexer.Connect(Servers.Redis));

[Collection(ServersCollection.Name)]
public sealed class RedisClusterCommandLedgerTests() : RedisCommandLedgerTests(RedisCluster.Connect())
{
    [Fact]
    public async Task The_commands_of_many_provider_messages_are_found_in_one_call_across_the_slots()
    {
        var sent = Enumerable.Range(0, 30).Select(_ => (CommandId: Guid.NewGuid(), Wamid: NewWamid())).ToList();
        foreach (var (commandId, wamid) in sent) await StartAndCompleteAsync(commandId, Accepted(commandId, wamid));

        var found = await Ledger.FindCommandsAsync(Account, [.. sent.Select(s => s.Wamid), NewWamid()], default);

        Assert.Equal([.. sent.Select(s => (Guid?)s.CommandId), null], found);
    }
}

public sealed class InProcessCommandLedgerTests : CommandLedgerContract
{
    private readonly FakeTimeProvider _clock = new();

    public InProcessCommandLedgerTests() => Ledger = new InProcessCommandLedger(_clock);

    private protected override ICommandLedger Ledger { get; }

    private protected override Task LetPassAsync(TimeSpan duration)
    {
        _clock.Advance(duration);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_outcome_and_the_message_index_are_kept_for_the_retention_and_then_forgotten()
    {
        var commandId = Guid.NewGuid();
        var wamid = NewWamid();
        var outcome = Accepted(commandId, wamid);
        await StartAndCompleteAsync(commandId, outcome);

        _clock.Advance(Retention - TimeSpan.FromSeconds(1));
        var justBefore = await Ledger.BeginAsync(commandId, Lease, default);
        var foundJustBefore = (await Ledger.FindCommandsAsync(Account, [wamid], default))[0];
        _clock.Advance(TimeSpan.FromSeconds(1));
        var foundAfter = (await Ledger.FindCommandsAsync(Account, [wamid], default))[0];
        var after = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Equal(new CommandState(CommandStatus.Completed, outcome), justBefore);
        Assert.Equal(commandId, foundJustBefore);
        Assert.Null(foundAfter);
        Assert.Equal(new CommandState(CommandStatus.Started, null), after);
    }
}
