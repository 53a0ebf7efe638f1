namespace Conecta.Channels.Outbound;

/// <summary>The embedded stand-in for Redis: the same contract in one process, entries expire on the same schedule.</summary>
internal sealed class InProcessCommandLedger(TimeProvider clock) : ICommandLedger
{
    private readonly Dictionary<Guid, (CommandOutcome? Outcome, DateTimeOffset ExpiresAt)> _commands = [];
    private readonly Dictionary<(string, string), (Guid CommandId, DateTimeOffset ExpiresAt)> _messages = [];
    private readonly Dictionary<Guid, (DeliveryStatus Status, DateTimeOffset ExpiresAt)> _statuses = [];
    private readonly Lock _gate = new();

    public Task<CommandState> BeginAsync(Guid commandId, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_commands.TryGetValue(commandId, out var entry) && entry.ExpiresAt > now)
                return Task.FromResult(entry.Outcome is null
                    ? new CommandState(CommandStatus.InFlight, null)
                    : new CommandState(CommandStatus.Completed, entry.Outcome));
            _commands[commandId] = (null, now + lease);
            return Task.FromResult(new CommandState(CommandStatus.Started, null));
        }
    }

    public Task CompleteAsync(Guid commandId, CommandOutcome outcome, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expiresAt = clock.GetUtcNow() + retention;
            _commands[commandId] = (outcome, expiresAt);
            if (outcome.Accepted is { } accepted) _messages[(accepted.AccountId, accepted.ProviderMessageId)] = (commandId, expiresAt);
        }
        return Task.CompletedTask;
    }

    public Task AbandonAsync(Guid commandId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_commands.TryGetValue(commandId, out var entry) && entry.Outcome is null) _commands.Remove(commandId);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Guid?>> FindCommandsAsync(string accountId, IReadOnlyList<string> providerMessageIds,
        CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            return Task.FromResult<IReadOnlyList<Guid?>>(providerMessageIds
                .Select(id => _messages.TryGetValue((accountId, id), out var entry) && entry.ExpiresAt > now ? entry.CommandId : (Guid?)null)
                .ToList());
        }
    }

    public Task<bool> RecordStatusAsync(Guid commandId, DeliveryStatus status, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_statuses.TryGetValue(commandId, out var kept) && kept.ExpiresAt > now && kept.Status.Rank >= status.Rank)
                return Task.FromResult(false);
            _statuses[commandId] = (status, now + retention);
            return Task.FromResult(true);
        }
    }

    public Task<CommandRecord?> FindAsync(Guid commandId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_commands.TryGetValue(commandId, out var entry) || entry.ExpiresAt <= now) return Task.FromResult<CommandRecord?>(null);
            var delivery = _statuses.TryGetValue(commandId, out var status) && status.ExpiresAt > now ? status.Status : null;
            var state = entry.Outcome is null ? new CommandState(CommandStatus.InFlight, null) : new CommandState(CommandStatus.Completed, entry.Outcome);
            return Task.FromResult<CommandRecord?>(new CommandRecord(state, delivery));
        }
    }
}
