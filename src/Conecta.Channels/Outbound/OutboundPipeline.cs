using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Hosting;
using Conecta.Channels.Preferences;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Conecta.Channels.Outbound;

/// <summary>Another delivery of the same command is being processed; try again later.</summary>
internal sealed class CommandInFlightException(Guid commandId) : Exception($"Command {commandId} is being processed by another delivery");

/// <summary>
/// One command, one outcome: check the ledger, then <see cref="DecideAsync"/> (validate, find the account, ask the rules in
/// their order, wait for the channel's rate limits), send through the channel, remember the outcome. A redelivered command
/// whose outcome is known is not sent again.
/// </summary>
internal sealed partial class OutboundPipeline(
    ICommandLedger ledger,
    OutboundAccounts accounts,
    ChannelRegistry channels,
    SessionRule sessions,
    IRateLimiter limiter,
    OutboundMetrics metrics,
    MarketingPreferences preferences,
    ContactRedirects redirects,
    TimeProvider clock,
    IOptions<OutboundOptions> options,
    ILogger<OutboundPipeline> logger)
{
    public async Task<CommandOutcome> ProcessAsync(OutboundCommand command, CancellationToken cancellationToken)
    {
        var state = await ledger.BeginAsync(command.CommandId, options.Value.CommandLease, cancellationToken);
        if (state.Status == CommandStatus.Completed) return state.Outcome!;
        if (state.Status == CommandStatus.InFlight) throw new CommandInFlightException(command.CommandId);

        Decision decision;
        try
        {
            decision = await DecideAsync(command, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing went out: the next delivery may start over at once instead of waiting out the lease.
            await AbandonQuietlyAsync(command.CommandId);
            throw;
        }
        var outcome = decision.Outcome ?? await SendAsync(decision.Command!, decision, cancellationToken);
        await RecordAsync(command.CommandId, command.Body.GetType().Name, command.To, outcome, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Makes an outcome decided outside the pipeline (a refusal of the conversation rules) the
    /// command's one outcome; a command already settled keeps its own. Throws
    /// <see cref="CommandInFlightException"/> while a delivery owns it.
    /// </summary>
    public async Task<CommandOutcome> SettleAsync(Guid commandId, string commandType, string? to, CommandOutcome decided,
        CancellationToken cancellationToken)
    {
        var state = await ledger.BeginAsync(commandId, options.Value.CommandLease, cancellationToken);
        if (state.Status == CommandStatus.Completed) return state.Outcome!;
        if (state.Status == CommandStatus.InFlight) throw new CommandInFlightException(commandId);
        await RecordAsync(commandId, commandType, to, decided, cancellationToken);
        return decided;
    }

    /// <summary>
    /// The one outcome of a command whose deliveries all failed (Redis or the database unreachable
    /// for minutes, or a fault of ours): the outcome already recorded if there is one, else a
    /// retryable ProcessingFailed. Throws <see cref="CommandInFlightException"/> while a delivery still owns it.
    /// </summary>
    public Task<CommandOutcome> GiveUpAsync(OutboundCommand command, string why, CancellationToken cancellationToken) =>
        SettleAsync(command.CommandId, command.Body.GetType().Name, command.To, Reject(command, null, RejectionReason.ProcessingFailed,
            $"The service could not process the command and gave up after its retries ({why}). Sending it again may help.", retryable: true),
            cancellationToken);

    /// <summary>
    /// Either the outcome, decided before the network, or the command to send (addressed to the contact's current key), the account
    /// and channel to send through (and the recipient's rate-limit key).
    /// </summary>
    private sealed record Decision(CommandOutcome? Outcome, OutboundCommand? Command = null, OutboundAccount? Account = null, IChannel? Channel = null,
        string? RecipientKey = null, string? ContactKey = null);

    /// <summary>
    /// Before the network, in this order, the first refusal deciding: the command's form; its account; the recipient's current key
    /// (<see cref="ContactRedirects"/>: from here on the command is addressed there); the channel's own checks
    /// (the recipient's form, what the channel cannot carry, a template's approval); the conversation (free text only where the
    /// session allows it); then the contact's rate limit and the account's, which may wait. A command any check refuses never
    /// takes a slot of a limit.
    /// </summary>
    private async Task<Decision> DecideAsync(OutboundCommand command, CancellationToken cancellationToken)
    {
        if (CommandValidation.Problem(command) is { } problem) return new(Reject(command, null, RejectionReason.InvalidCommand, problem.Message));

        var account = await accounts.FindAsync(command.AccountId, cancellationToken);
        if (account is null) return new(Reject(command, null, RejectionReason.UnknownAccount, "No active channel account with that id."));

        if (account.Standing is { } standing && options.Value.StoppingStandings.Contains(standing))
            return new(Reject(command, account.Channel, RejectionReason.AccountRestricted,
                $"Sends from this number are stopped: the provider reported it {standing}. A later account update lifts it."));

        var channel = channels.For(account.Channel);
        var contactKey = command.To is { } to ? channel.ContactKeyOf(to) : null;
        // A contact who changed number or user id is addressed where it is now, before any rule reads its session.
        if (contactKey is not null && await redirects.CurrentKeyAsync(account.AccountId, contactKey, command.CommandId, cancellationToken) is var current
            && current != contactKey)
            (command, contactKey) = (command.AddressedTo(current), current);
        var rejection = await channel.CheckAsync(account, command, contactKey, cancellationToken)
            ?? await sessions.CheckAsync(channel, account, command, contactKey, cancellationToken);
        if (rejection is not null) return new(Reject(command, account.Channel, rejection.Reason, rejection.Detail));

        var limits = channel.Limits(account, contactKey);
        var deadline = command.NotAfter ?? clock.GetUtcNow() + options.Value.MaxWait;
        var recipientKey = command.To is null ? null : $"{account.AccountId}:{contactKey ?? command.To}";
        if (command.Body is ShowTyping && await TypingShownAsync(channel, recipientKey!, cancellationToken) is { } shown)
            return new(Reject(command, account.Channel, shown.Reason, shown.Detail, retryable: shown.Reason == RejectionReason.RateLimited));
        // A typing indicator is no message: it takes no slot of the contact's message limit.
        if (recipientKey is not null && command.Body is not ShowTyping &&
            !await WaitForSlotAsync(account.Channel, "recipient", recipientKey, limits.PerRecipient, deadline, cancellationToken))
            return new(Reject(command, account.Channel, RejectionReason.RateLimited, "The recipient's rate limit would delay it past its deadline.", retryable: true));
        if (!await WaitForSlotAsync(account.Channel, "account", account.AccountId, limits.PerAccount, deadline, cancellationToken))
            return new(Reject(command, account.Channel, RejectionReason.RateLimited, "The business number's rate limit would delay it past its deadline.", retryable: true));
        return new(null, command, account, channel, recipientKey, contactKey);
    }

    /// <summary>
    /// A typing indicator goes at most once in the time the network shows one (WhatsApp 25 s): one still showing makes another
    /// useless, so it is refused RateLimited (retryable) before the network. Null: it may go now.
    /// </summary>
    private async Task<RuleRejection?> TypingShownAsync(IChannel channel, string recipientKey, CancellationToken cancellationToken)
    {
        if (channel.Profile.TypingLasts is not { } lasts)
            return new RuleRejection(RejectionReason.UnsupportedContent, "This channel has no typing indicator.");
        return await limiter.AcquireAsync("typing:" + recipientKey, new RateLimit(1, lasts), clock.GetUtcNow(), cancellationToken) is null
            ? new RuleRejection(RejectionReason.RateLimited,
                $"A typing indicator is still showing to this contact: the network shows one for {lasts.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s.")
            : null;
    }

    private async Task<CommandOutcome> SendAsync(OutboundCommand command, Decision decision, CancellationToken cancellationToken)
    {
        var account = decision.Account!;
        var (sent, refused) = await decision.Channel!.SendAsync(account, command, cancellationToken);
        var now = clock.GetUtcNow();
        if (refused is null)
            return new CommandOutcome(new MessageAccepted(OutcomeId(command.CommandId), command.CommandId, account.Channel,
                command.AccountId, command.To, sent!.ProviderMessageId, sent.ProviderContactId, now), null);
        // The recipient's own limit (Meta's pair rate): its next send waits the provider's time, whichever command it is.
        if (refused is { Reason: RejectionReason.RateLimited, RetryAfter: { } wait } && decision.RecipientKey is { } recipient)
            await limiter.HoldAsync(recipient, wait, cancellationToken);
        // The provider says the contact stopped marketing messages (WhatsApp 131050): the next marketing template stops here.
        if (refused.Reason == RejectionReason.OptedOut && decision.ContactKey is { } contact)
            await preferences.RecordRefusalAsync(account.AccountId, contact, now, cancellationToken);
        return new CommandOutcome(null, new MessageRejected(OutcomeId(command.CommandId), command.CommandId, account.Channel,
            command.AccountId, command.To, refused.Reason, refused.Retryable, refused.ProviderCode, refused.ProviderTitle,
            refused.Detail, now, now + refused.RetryAfter));
    }

    /// <summary>
    /// Stores the outcome, trying again while Redis is briefly away: once a message went out, a
    /// failed write here would let the next delivery send it a second time when the lease ends.
    /// </summary>
    private async Task RecordAsync(Guid commandId, string commandType, string? to, CommandOutcome outcome, CancellationToken cancellationToken)
    {
        var giveUpAt = clock.GetUtcNow() + options.Value.CommandLease;
        for (var wait = TimeSpan.FromMilliseconds(100); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.TicksPerSecond * 5)))
        {
            try
            {
                await ledger.CompleteAsync(commandId, outcome, options.Value.OutcomeRetention, CancellationToken.None);
                metrics.Outcome(commandType, outcome);
                break;
            }
            // A timeout is no RedisException: a call queued while Redis is away times out.
            catch (Exception e) when (e is RedisException or RedisTimeoutException && clock.GetUtcNow() + wait < giveUpAt)
            {
                LogRecordRetry(logger, commandId, wait.TotalMilliseconds);
                await Task.Delay(wait, clock, cancellationToken);
            }
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // guarded by IsEnabled just above
            LogOutcome(logger, commandId, commandType, Redact.Contact(to),
                outcome.Accepted is not null ? "accepted" : outcome.Rejected!.Reason.ToString());
#pragma warning restore CA1873
        }
    }

    private async Task AbandonQuietlyAsync(Guid commandId)
    {
        try
        {
            await ledger.AbandonAsync(commandId, CancellationToken.None);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            // Redis is away too: the lease ends on its own.
        }
    }

    /// <summary>Waits for the limit without holding a thread; false when it would be past the deadline.</summary>
    /// <param name="scope">Which limit, for the wait's metric.</param>
    private async Task<bool> WaitForSlotAsync(string channel, string scope, string key, RateLimit limit, DateTimeOffset deadline,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var acquired = await limiter.AcquireAsync(key, limit, deadline, cancellationToken) is not null;
        metrics.Waited(channel, scope, clock.GetElapsedTime(started), acquired);
        return acquired;
    }

    private CommandOutcome Reject(OutboundCommand command, string? channel, RejectionReason reason, string detail, bool retryable = false) =>
        new(null, new MessageRejected(OutcomeId(command.CommandId), command.CommandId, channel, command.AccountId, command.To, reason, retryable,
            ProviderCode: null, ProviderTitle: null, detail, clock.GetUtcNow()));

    /// <summary>A command's one outcome has one EventId, derived from its CommandId, whichever step decided it.</summary>
    public static Guid OutcomeId(Guid commandId) => EventIds.From("outcome", commandId.ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId}: its outcome could not be stored; trying again in {WaitMs} ms")]
    private static partial void LogRecordRetry(ILogger logger, Guid commandId, double waitMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} ({CommandType}) to {To}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, Guid commandId, string commandType, string to, string outcome);
}
