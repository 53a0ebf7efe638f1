using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Hosting;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Outbound;

/// <summary>Another delivery of the same command is being processed; try again later.</summary>
internal sealed class CommandInFlightException(Guid commandId) : Exception($"Command {commandId} is being processed by another delivery");

/// <summary>
/// One command, one outcome: check the ledger, validate, ask the rules, wait for the channel's rate
/// limits (per recipient, then per account), send through the channel, remember the outcome.
/// A redelivered command whose outcome is known is not sent again.
/// </summary>
internal sealed partial class OutboundPipeline(
    ICommandLedger ledger,
    IOutboundAccounts accounts,
    IEnumerable<IOutboundRule> rules,
    IRateLimiter limiter,
    IEnumerable<IOutboundChannel> channels,
    TimeProvider clock,
    IOptions<OutboundOptions> options,
    ILogger<OutboundPipeline> logger)
{
    public async Task<CommandOutcome> ProcessAsync(OutboundCommand command, CancellationToken cancellationToken)
    {
        var state = await ledger.BeginAsync(command.CommandId, options.Value.CommandLease, cancellationToken);
        if (state.Status == CommandStatus.Completed) return state.Outcome!;
        if (state.Status == CommandStatus.InFlight) throw new CommandInFlightException(command.CommandId);

        var outcome = await DecideAsync(command, cancellationToken);
        await ledger.CompleteAsync(command.CommandId, outcome, options.Value.OutcomeRetention, CancellationToken.None);
        if (logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // guarded by IsEnabled just above
            LogOutcome(logger, command.CommandId, command.Body.GetType().Name, Redact.Contact(command.To),
                outcome.Accepted is not null ? "accepted" : outcome.Rejected!.Reason.ToString());
#pragma warning restore CA1873
        }
        return outcome;
    }

    private async Task<CommandOutcome> DecideAsync(OutboundCommand command, CancellationToken cancellationToken)
    {
        if (CommandValidation.Problem(command) is { } problem) return Reject(command, null, RejectionReason.InvalidCommand, problem);

        var account = await accounts.FindAsync(command.AccountId, cancellationToken);
        if (account is null) return Reject(command, null, RejectionReason.UnknownAccount, "No active channel account with that id.");

        foreach (var rule in rules.Where(r => r.Channel is null || r.Channel == account.Channel))
            if (await rule.CheckAsync(account, command, cancellationToken) is { } rejection)
                return Reject(command, account.Channel, rejection.Reason, rejection.Detail);

        var channel = channels.FirstOrDefault(c => c.Channel == account.Channel)
            ?? throw new InvalidOperationException($"No outbound channel registered for '{account.Channel}'.");
        var limits = channel.Limits(account);
        var deadline = command.NotAfter ?? clock.GetUtcNow() + options.Value.MaxWait;
        if (command.To is { } to &&
            !await WaitForSlotAsync($"{account.AccountId}:{channel.RecipientKey(to)}", limits.PerRecipient, deadline, cancellationToken))
            return Reject(command, account.Channel, RejectionReason.RateLimited, "The recipient's rate limit would delay it past its deadline.", retryable: true);
        if (!await WaitForSlotAsync(account.AccountId, limits.PerAccount, deadline, cancellationToken))
            return Reject(command, account.Channel, RejectionReason.RateLimited, "The business number's rate limit would delay it past its deadline.", retryable: true);

        return await channel.SendAsync(account, command, cancellationToken) switch
        {
            Sent sent => new CommandOutcome(new MessageAccepted(OutcomeId(command), command.CommandId, account.Channel,
                command.AccountId, command.To, sent.ProviderMessageId, sent.ProviderContactId, clock.GetUtcNow()), null),
            Refused refused => new CommandOutcome(null, new MessageRejected(OutcomeId(command), command.CommandId, account.Channel,
                command.AccountId, command.To, refused.Reason, refused.Retryable, refused.ProviderCode, refused.ProviderTitle,
                refused.Detail, clock.GetUtcNow())),
            var other => throw new InvalidOperationException($"Unexpected send result {other}"),
        };
    }

    /// <summary>Waits for the limit without holding a thread; false when it would be past the deadline.</summary>
    private async Task<bool> WaitForSlotAsync(string key, RateLimit limit, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        await limiter.AcquireAsync(key, limit, deadline, cancellationToken) is not null;

    private CommandOutcome Reject(OutboundCommand command, string? channel, RejectionReason reason, string detail, bool retryable = false) =>
        new(null, new MessageRejected(OutcomeId(command), command.CommandId, channel, command.AccountId, command.To, reason, retryable,
            ProviderCode: null, ProviderTitle: null, detail, clock.GetUtcNow()));

    private static Guid OutcomeId(OutboundCommand command) => EventIds.From("outcome", command.CommandId.ToString());

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} ({CommandType}) to {To}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, Guid commandId, string commandType, string to, string outcome);
}
