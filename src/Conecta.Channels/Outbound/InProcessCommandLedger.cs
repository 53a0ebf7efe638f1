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

    public Task<Guid?> FindCommandAsync(string accountId, string providerMessageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<Guid?>(_messages.TryGetValue((accountId, providerMessageId), out var entry) && entry.ExpiresAt > clock.GetUtcNow()
                ? entry.CommandId
                : null);
        }
    }
}
