namespace Conecta.Channels.Outbound;

/// <summary>The embedded stand-in for Redis: the same contract in one process, entries expire on the same schedule.</summary>
internal sealed class InProcessCommandLedger(TimeProvider clock) : ICommandLedger
{
    private readonly Dictionary<Guid, (CommandOutcome? Outcome, DateTimeOffset ExpiresAt)> _commands = [];
    private readonly Dictionary<(string, string), (Guid CommandId, DateTimeOffset ExpiresAt)> _messages = [];
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
}
