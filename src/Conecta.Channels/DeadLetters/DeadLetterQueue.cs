using System.Data.Common;
using System.Security.Cryptography;
using Conecta.Channels.Channels;
using Conecta.Channels.Data;
using Dapper;

namespace Conecta.Channels.DeadLetters;

/// <summary>
/// Keeps signed payloads that cannot be understood, so they are acknowledged (never blocking the
/// stream) without being lost. Keyed by the body's hash: a provider retry of the same poison body
/// is stored once.
/// </summary>
internal sealed partial class DeadLetterQueue(Database database, ILogger<DeadLetterQueue> logger)
{
    private const int MaxReasonLength = 2000;

    private const string InsertSql = """
        INSERT INTO dead_letters (id, channel, reason, received_at, raw_body)
        VALUES (@Id, @Channel, @Reason, @ReceivedAt, @RawBody)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <returns>False when the store is unavailable: the caller must not acknowledge.</returns>
    public async Task<bool> KeepAsync(string channel, string reason, byte[] body, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var id = EventIds.From(channel, "dead-letter", Convert.ToHexStringLower(SHA256.HashData(body)));
        var trimmed = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(InsertSql,
                new { Id = id.ToString(), Channel = channel, Reason = trimmed, ReceivedAt = receivedAt.UtcDateTime, RawBody = body },
                cancellationToken: cancellationToken));
            LogKept(logger, channel, id, body.Length, trimmed);
            return true;
        }
        catch (DbException e)
        {
            LogStoreUnavailable(logger, channel, e);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead letter {DeadLetterId} kept for {Channel} ({Bytes} bytes): {Reason}")]
    private static partial void LogKept(ILogger logger, string channel, Guid deadLetterId, int bytes, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-letter store unavailable; {Channel} webhook not acknowledged")]
    private static partial void LogStoreUnavailable(ILogger logger, string channel, Exception exception);
}
