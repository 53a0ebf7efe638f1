using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Outbound;

/// <summary>The one outcome a command has: exactly one of the two is set.</summary>
internal sealed record CommandOutcome(MessageAccepted? Accepted, MessageRejected? Rejected);

internal enum CommandStatus { Started, InFlight, Completed }

/// <param name="Outcome">Set when <see cref="Status"/> is Completed.</param>
internal sealed record CommandState(CommandStatus Status, CommandOutcome? Outcome);

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
}
