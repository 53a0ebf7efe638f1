using Conecta.Channels.Accounts;
using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Sessions;
using MassTransit;

namespace Conecta.Channels.Outbound;

/// <summary>
/// The conversation commands, each applied to the contact's session under the rules of the account's channel, with what it
/// sends going through the outbound pipeline like any command. Outbound asks Sessions, never the other way round; the
/// contact's own messages reach the sessions in the webhook (<see cref="ContactMessages"/>).
/// </summary>
internal sealed class ConversationCommandsConsumer(
    SessionTransitions sessions, OutboundPipeline pipeline, ChannelAccountStore accounts, ChannelRegistry channels, ContactRedirects redirects,
    TimeProvider clock) :
    IConsumer<StartActiveContact>, IConsumer<NotifyParticipantChange>, IConsumer<EndSession>
{
    public async Task Consume(ConsumeContext<StartActiveContact> context)
    {
        var start = context.Message;
        var ct = context.CancellationToken;
        var channel = await ChannelOfAsync(start.AccountId, ct);
        if (CommandValidation.Problem(start, channel?.Profile.Conversation) is { } problem)
        {
            await RejectInvalidAsync(context, nameof(StartActiveContact), start.CommandId, channel?.Profile.Name, start.AccountId, start.To, problem);
            return;
        }
        if (channel is null)
        {
            await RejectAsync(context, nameof(StartActiveContact), start.CommandId, null, start.AccountId, start.To,
                new RuleRejection(RejectionReason.UnknownAccount, "No active channel account with that id."));
            return;
        }

        start = start with { To = await CurrentToAsync(channel, start.AccountId, start.To, start.CommandId, ct) };
        var key = SessionTransitions.KeyOf(channel, start.AccountId, start.To);
        var accepted = new ActiveContactAccepted(start.CommandId, start.AgentId, start.Team, "") { Policy = channel.Profile.Conversation };
        if (key is not null && (await sessions.PeekAsync(key, accepted, ct)).Rejection is { } refused)
        {
            await RejectAsync(context, nameof(StartActiveContact), start.CommandId, channel.Profile.Name, start.AccountId, start.To,
                new RuleRejection(refused, "The contact is in a conversation with another agent."));
            return;
        }
        var opening = await channel.OpenAsync(start, ct);
        if (opening.Refusal is { } refusal)
        {
            await RejectAsync(context, nameof(StartActiveContact), start.CommandId, channel.Profile.Name, start.AccountId, start.To, refusal);
            return;
        }

        // An invalid recipient and an unapproved template are refused by the pipeline's rules, with their precise reasons.
        var outcome = await pipeline.ProcessAsync(opening.Command!, ct);
        if (key is not null && outcome.Accepted is { } sent)
            await sessions.ApplyAsync(key, accepted with { ProviderMessageId = sent.ProviderMessageId }, SessionPublishing.To(context, ct), ct);
        await PublishAsync(context, outcome, ct);
    }

    public async Task Consume(ConsumeContext<NotifyParticipantChange> context)
    {
        var notify = context.Message;
        var ct = context.CancellationToken;
        if (await AccountOrRejectAsync(context, nameof(NotifyParticipantChange), notify.CommandId, notify.AccountId, notify.To,
                CommandValidation.Problem(notify)) is not { } account)
            return;
        var channel = channels.For(account.Channel);
        // The account's choice comes first: with the notices off nothing is sent whatever the window (each one is a billed message).
        if (!account.ParticipantNotices)
        {
            await RejectAsync(context, nameof(NotifyParticipantChange), notify.CommandId, channel.Profile.Name, notify.AccountId, notify.To,
                new RuleRejection(RejectionReason.NoticesDisabled,
                    "The account turned its participant notices off (participantNotices: false): nothing was sent."));
            return;
        }
        notify = notify with { To = await CurrentToAsync(channel, notify.AccountId, notify.To, notify.CommandId, ct) };
        // Only a conversation free text may reach can carry the notice, whatever keeps it shut (no reply yet, expired, no session).
        if (SessionTransitions.KeyOf(channel, notify.AccountId, notify.To) is { } key &&
            (await sessions.PeekAsync(key, new ParticipantNoticeCheck { Policy = channel.Profile.Conversation }, ct)).Rejection is not null)
        {
            await RejectAsync(context, nameof(NotifyParticipantChange), notify.CommandId, channel.Profile.Name, notify.AccountId, notify.To,
                new RuleRejection(RejectionReason.WindowClosed, "The contact's window is not open."));
            return;
        }

        var notice = (notify.Joined ? account.JoinNotice : account.LeaveNotice).Replace("{nome}", notify.AgentName, StringComparison.Ordinal);
        var outcome = await pipeline.ProcessAsync(OutboundCommand.From(new SendText(notify.CommandId, notify.AccountId, notify.To, notice)), ct);
        await PublishAsync(context, outcome, ct);
    }

    public async Task Consume(ConsumeContext<EndSession> context)
    {
        var end = context.Message;
        var ct = context.CancellationToken;
        if (await AccountOrRejectAsync(context, nameof(EndSession), end.CommandId, end.AccountId, end.To, CommandValidation.Problem(end)) is not { } account)
            return;
        var channel = channels.For(account.Channel);
        end = end with { To = await CurrentToAsync(channel, end.AccountId, end.To, end.CommandId, ct) };
        // A recipient that names nobody on the channel has no session to end; ending one that is not live changes nothing.
        if (SessionTransitions.KeyOf(channel, end.AccountId, end.To) is { } key)
            await sessions.ApplyAsync(key, new SessionEnded(end.CommandId), SessionPublishing.To(context, ct), ct);
    }

    /// <summary>The account a well-formed command names (disabled ones included); null once the command is refused, malformed or unknown.</summary>
    private async Task<ChannelAccount?> AccountOrRejectAsync(ConsumeContext context, string commandType, Guid commandId, string accountId, string to,
        CommandProblem? problem)
    {
        if (problem is not null)
        {
            await RejectInvalidAsync(context, commandType, commandId, null, accountId, to, problem);
            return null;
        }
        if (await accounts.FindByProviderIdAsync(accountId, context.CancellationToken) is { } account) return account;
        await RejectAsync(context, commandType, commandId, null, accountId, to,
            new RuleRejection(RejectionReason.UnknownAccount, "No channel account with that id."));
        return null;
    }

    /// <summary>A malformed command: refused InvalidCommand with the message the HTTP endpoints answer 400 with.</summary>
    private Task RejectInvalidAsync(ConsumeContext context, string commandType, Guid commandId, string? channel, string accountId, string to,
        CommandProblem problem) =>
        RejectAsync(context, commandType, commandId, channel, accountId, to, new RuleRejection(RejectionReason.InvalidCommand, problem.Message));

    /// <summary>
    /// Recorded in the command ledger like the pipeline's outcomes: the same CommandId sent again
    /// later gets this rejection again, never a send whose outcome would reuse the rejection's EventId.
    /// </summary>
    private async Task RejectAsync(ConsumeContext context, string commandType, Guid commandId, string? channel, string accountId, string to, RuleRejection rejection)
    {
        // Its EventId follows the pipeline's rule (derived from the CommandId): whichever step refuses a command, its outcome has the same id.
        var decided = new CommandOutcome(null, new MessageRejected(OutboundPipeline.OutcomeId(commandId), commandId, channel, accountId, to,
            rejection.Reason, Retryable: false, ProviderCode: null, ProviderTitle: null, rejection.Detail, clock.GetUtcNow()));
        var outcome = await pipeline.SettleAsync(commandId, commandType, to, decided, context.CancellationToken);
        await PublishAsync(context, outcome, context.CancellationToken);
    }

    /// <summary>The recipient where the contact is now (its current key after a change of number or user id), else as the command names it.</summary>
    private async Task<string> CurrentToAsync(IChannel channel, string accountId, string to, Guid commandId, CancellationToken cancellationToken) =>
        channel.ContactKeyOf(to) is { } key && await redirects.CurrentKeyAsync(accountId, key, commandId, cancellationToken) is var current && current != key
            ? current
            : to;

    /// <summary>The channel of the account a command names (disabled accounts included); null when no channel has it.</summary>
    private async Task<IChannel?> ChannelOfAsync(string accountId, CancellationToken cancellationToken) =>
        await accounts.FindByProviderIdAsync(accountId, cancellationToken) is { } account ? channels.For(account.Channel) : null;

    private static Task PublishAsync(IPublishEndpoint bus, CommandOutcome outcome, CancellationToken cancellationToken) =>
        SessionPublishing.To(bus, cancellationToken)((object?)outcome.Accepted ?? outcome.Rejected!);
}
