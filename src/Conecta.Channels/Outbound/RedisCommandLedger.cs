using System.Text.Json;
using Conecta.Channels.Hosting;
using StackExchange.Redis;

namespace Conecta.Channels.Outbound;

/// <summary>
/// Key per command: "lease" while a delivery works on it, the outcome's JSON once completed. The message index is found by
/// the provider's id and the command by its own, so the two cannot share a hash tag: on a Redis Cluster they are written
/// one after the other (see <see cref="CompleteAsync"/>), on a single Redis in one script.
/// </summary>
internal sealed class RedisCommandLedger(IConnectionMultiplexer redis) : ICommandLedger
{
    private const string BeginScript = """
        if redis.call('SET', KEYS[1], 'lease', 'NX', 'PX', ARGV[1]) then return {0, ''} end
        local value = redis.call('GET', KEYS[1])
        if value and value ~= 'lease' then return {2, value} end
        return {1, ''}
        """;

    private const string CompleteScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        if KEYS[2] then redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2]) end
        return 1
        """;

    // Keeps the highest status: one that ranks no higher than the kept one changes nothing. Answers the status kept.
    private const string StatusScript = """
        local current = redis.call('GET', KEYS[1])
        if current and cjson.decode(current).rank >= tonumber(ARGV[1]) then return current end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return ARGV[2]
        """;

    private const string AbandonScript = """
        if redis.call('GET', KEYS[1]) == 'lease' then redis.call('DEL', KEYS[1]) end
        return 1
        """;

    public async Task<CommandState> BeginAsync(Guid commandId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(BeginScript,
            [CommandKey(commandId)], [(long)lease.TotalMilliseconds]))!;
        return (int)result[0] switch
        {
            0 => new CommandState(CommandStatus.Started, null),
            1 => new CommandState(CommandStatus.InFlight, null),
            _ => new CommandState(CommandStatus.Completed,
                JsonSerializer.Deserialize((string)result[1]!, OutcomeJsonContext.Default.CommandOutcome)),
        };
    }

    public async Task CompleteAsync(Guid commandId, CommandOutcome outcome, TimeSpan retention, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(outcome, OutcomeJsonContext.Default.CommandOutcome);
        var database = redis.GetDatabase();
        var command = CommandKey(commandId);
        RedisValue[] values = [json, (long)retention.TotalMilliseconds, commandId.ToString()];
        if (outcome.Accepted is not { } accepted)
        {
            await database.ScriptEvaluateAsync(CompleteScript, [command], values);
            return;
        }
        var message = MessageKey(accepted.AccountId, accepted.ProviderMessageId);
        if (redis.HashSlot(message) == redis.HashSlot(command))
        {
            await database.ScriptEvaluateAsync(CompleteScript, [command, message], values);
            return;
        }
        // The index first: a failure between the two leaves the command leased, as a failed script does, never completed
        // without its index (its statuses would then find no command).
        await database.StringSetAsync(message, commandId.ToString(), retention);
        await database.ScriptEvaluateAsync(CompleteScript, [command], values);
    }

    public Task AbandonAsync(Guid commandId, CancellationToken cancellationToken) =>
        redis.GetDatabase().ScriptEvaluateAsync(AbandonScript, [CommandKey(commandId)]);

    public async Task<IReadOnlyList<Guid?>> FindCommandsAsync(string accountId, IReadOnlyList<string> providerMessageIds,
        CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var values = await redis.PerSlotAsync(providerMessageIds.Select(id => MessageKey(accountId, id)).ToArray(),
            keys => database.StringGetAsync(keys));
        return values.Select(value => Guid.TryParse((string?)value, out var commandId) ? commandId : (Guid?)null).ToList();
    }

    public async Task<DeliveryStatus> RecordStatusAsync(Guid commandId, DeliveryStatus status, TimeSpan retention, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(status, OutcomeJsonContext.Default.DeliveryStatus);
        var kept = (string)(await redis.GetDatabase().ScriptEvaluateAsync(StatusScript, [StatusKey(commandId)],
            [status.Rank, json, (long)retention.TotalMilliseconds]))!;
        return kept == json ? status : JsonSerializer.Deserialize(kept, OutcomeJsonContext.Default.DeliveryStatus)!;
    }

    public async Task<CommandRecord?> FindAsync(Guid commandId, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var values = await redis.PerSlotAsync([CommandKey(commandId), StatusKey(commandId)], keys => database.StringGetAsync(keys));
        if (values[0].IsNull) return null;
        var state = (string)values[0]! == "lease"
            ? new CommandState(CommandStatus.InFlight, null)
            : new CommandState(CommandStatus.Completed, JsonSerializer.Deserialize((string)values[0]!, OutcomeJsonContext.Default.CommandOutcome));
        var delivery = values[1].IsNull ? null : JsonSerializer.Deserialize((string)values[1]!, OutcomeJsonContext.Default.DeliveryStatus);
        return new CommandRecord(state, delivery);
    }

    private static RedisKey StatusKey(Guid commandId) => "conecta:command-status:" + commandId.ToString("N");

    private static RedisKey CommandKey(Guid commandId) => "conecta:command:" + commandId.ToString("N");

    private static RedisKey MessageKey(string accountId, string providerMessageId) => $"conecta:message:{accountId}:{providerMessageId}";
}
