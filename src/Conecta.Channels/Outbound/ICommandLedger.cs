using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Outbound;

/// <summary>The one outcome a command has: exactly one of the two is set.</summary>
internal sealed record CommandOutcome(MessageAccepted? Accepted, MessageRejected? Rejected);

internal enum CommandStatus { Started, InFlight, Completed }

/// <param name="Outcome">Set when <see cref="Status"/> is Completed.</param>
internal sealed record CommandState(CommandStatus Status, CommandOutcome? Outcome);

/// <summary>The latest status the provider reported for a command's message.</summary>
/// <param name="Status">sent, delivered, read, played or failed (provider words).</param>
/// <param name="At">The provider's timestamp of that status.</param>
/// <param name="FailureReason">For failed: the typed reason, as a synchronous refusal would carry it.</param>
internal sealed record DeliveryStatus(string Status, DateTimeOffset At, RejectionReason? FailureReason)
{
    /// <summary>
    /// Statuses arrive out of order and a later one may say less ("delivered" after "read"): the highest is kept. A
    /// failure is final; a status word Meta adds later ranks below every known one. Part of the JSON Redis keeps, where
    /// the status script compares it.
    /// </summary>
    public int Rank => Status switch
    {
        "sent" => 1,
        "delivered" => 2,
        "read" => 3,
        "played" => 4,
        "failed" => 5,
        _ => 0,
    };
}

/// <summary>What is known of a command: in flight or completed with its outcome, and its message's latest status.</summary>
internal sealed record CommandRecord(CommandState State, DeliveryStatus? Delivery);

/// <summary>
/// Remembers each command's outcome so a redelivered command never sends twice after a 2xx and
/// publishes the same outcome again. Also remembers which command produced each provider message.
/// Redis in production; in process in the embedded mode.
/// </summary>
internal interface ICommandLedger
{
    /// <summary>Started: this caller owns the command for <paramref name="lease"/>. InFlight: another delivery does. Completed: the stored outcome.</summary>
    Task<CommandState> BeginAsync(Guid commandId, TimeSpan lease, CancellationToken cancellationToken);

    Task CompleteAsync(Guid commandId, CommandOutcome outcome, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Gives up a lease whose command sent nothing, so its next delivery may start at once. An outcome stays.</summary>
    Task AbandonAsync(Guid commandId, CancellationToken cancellationToken);

    /// <summary>The commands that produced these provider messages (null where unknown), for statuses that do not carry it themselves. One round trip.</summary>
    Task<IReadOnlyList<Guid?>> FindCommandsAsync(string accountId, IReadOnlyList<string> providerMessageIds, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="status"/> as the command's latest unless one as high is kept already (<see cref="DeliveryStatus.Rank"/>).</summary>
    /// <returns>The command's latest status after the call: <paramref name="status"/> when it was kept, else the one that outranks or equals it.</returns>
    Task<DeliveryStatus> RecordStatusAsync(Guid commandId, DeliveryStatus status, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Reads a command without taking it; null when the ledger knows nothing of it (never received, or past its retention).</summary>
    Task<CommandRecord?> FindAsync(Guid commandId, CancellationToken cancellationToken);
}
