using Conecta.Channels.Hosting;

namespace Conecta.Channels.Outbound;

/// <summary>The embedded stand-in for Redis: the same contract in one process, entries expire on the same schedule.</summary>
internal sealed class InProcessCommandLedger(TimeProvider clock) : ICommandLedger
{
    // A command's outcome, null while a delivery holds its lease.
    private readonly ExpiringEntries<Guid, CommandOutcome?> _commands = new(clock);
    private readonly ExpiringEntries<(string AccountId, string ProviderMessageId), Guid> _messages = new(clock);
    private readonly ExpiringEntries<Guid, DeliveryStatus> _statuses = new(clock);
    private readonly Lock _gate = new();

    public Task<CommandState> BeginAsync(Guid commandId, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_commands.TryGet(commandId, out var outcome)) return Task.FromResult(State(outcome));
            _commands.Set(commandId, null, lease);
            return Task.FromResult(new CommandState(CommandStatus.Started, null));
        }
    }

    public Task CompleteAsync(Guid commandId, CommandOutcome outcome, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _commands.Set(commandId, outcome, retention);
            if (outcome.Accepted is { } accepted) _messages.Set((accepted.AccountId, accepted.ProviderMessageId), commandId, retention);
        }
        return Task.CompletedTask;
    }

    public Task AbandonAsync(Guid commandId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_commands.TryGet(commandId, out var outcome) && outcome is null) _commands.Remove(commandId);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Guid?>> FindCommandsAsync(string accountId, IReadOnlyList<string> providerMessageIds,
        CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Guid?>>(providerMessageIds
                .Select(id => _messages.TryGet((accountId, id), out var commandId) ? commandId : (Guid?)null)
                .ToList());
        }
    }

    public Task<DeliveryStatus> RecordStatusAsync(Guid commandId, DeliveryStatus status, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_statuses.TryGet(commandId, out var kept) && kept.Rank >= status.Rank) return Task.FromResult(kept);
            _statuses.Set(commandId, status, retention);
            return Task.FromResult(status);
        }
    }

    public Task<CommandRecord?> FindAsync(Guid commandId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_commands.TryGet(commandId, out var outcome)) return Task.FromResult<CommandRecord?>(null);
            var delivery = _statuses.TryGet(commandId, out var status) ? status : null;
            return Task.FromResult<CommandRecord?>(new CommandRecord(State(outcome), delivery));
        }
    }

    private static CommandState State(CommandOutcome? outcome) =>
        outcome is null ? new CommandState(CommandStatus.InFlight, null) : new CommandState(CommandStatus.Completed, outcome);
}
