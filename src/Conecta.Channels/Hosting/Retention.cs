using Conecta.Channels.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>How long what the database keeps of requests is kept: dead letters are whole payloads with personal data.</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Dead letters older than this (by when they were received) are deleted.</summary>
    public TimeSpan DeadLetters { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Idempotency keys older than this are deleted; at least the 24 hours a key's response is replayed.</summary>
    public TimeSpan IdempotencyKeys { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the job looks.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.DeadLetters >= TimeSpan.FromHours(1) && options.IdempotencyKeys >= IdempotencyStore.Retention && options.Interval > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Retention: DeadLetters at least 1 hour, IdempotencyKeys at least {IdempotencyStore.Retention:c} (how long a response is replayed), Interval > 0.");
}

/// <summary>Every <see cref="RetentionOptions.Interval"/> (on the service's clock), deletes what is past its retention.</summary>
internal sealed partial class RetentionJob(Database database, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger)
    : BackgroundService
{
    private const string DeadLettersSql = "DELETE FROM dead_letters WHERE received_at < @Before";
    private const string IdempotencyKeysSql = "DELETE FROM idempotency_keys WHERE created_at < @Before";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (System.Data.Common.DbException e)
            {
                // Nothing is lost by waiting: the next tick deletes what this one could not.
                LogPurgeFailed(logger, e);
            }
        }
    }

    /// <returns>The dead letters and idempotency keys deleted.</returns>
    public async Task<(int DeadLetters, int IdempotencyKeys)> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        var deadLetters = await connection.ExecuteAsync(new CommandDefinition(DeadLettersSql, new { Before = now - options.Value.DeadLetters },
            cancellationToken: cancellationToken));
        var keys = await connection.ExecuteAsync(new CommandDefinition(IdempotencyKeysSql, new { Before = now - options.Value.IdempotencyKeys },
            cancellationToken: cancellationToken));
        if (deadLetters + keys > 0) LogPurged(logger, deadLetters, keys);
        return (deadLetters, keys);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {DeadLetters} dead letters and {IdempotencyKeys} idempotency keys past their time")]
    private static partial void LogPurged(ILogger logger, int deadLetters, int idempotencyKeys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention: the purge failed; the next one retries")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
