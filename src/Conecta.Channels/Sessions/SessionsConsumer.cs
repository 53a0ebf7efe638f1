using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using MassTransit;

namespace Conecta.Channels.Sessions;

/// <summary>
/// Session commands, each applied to the contact's session under the rules of the account's channel (its
/// <see cref="IChannelPolicy"/>). The contact's own messages reach the sessions in the webhook (<see cref="ContactMessages"/>).
/// </summary>
internal sealed class SessionsConsumer(
    SessionTransitions sessions, OutboundPipeline pipeline, ChannelPolicies policies, TimeProvider clock) :
    IConsumer<StartActiveContact>, IConsumer<NotifyParticipantChange>, IConsumer<EndSession>
{
    public async Task Consume(ConsumeContext<StartActiveContact> context)
    {
        var start = context.Message;
        var ct = context.CancellationToken;
        var found = await policies.FindAccountAsync(start.AccountId, ct);
        if (CommandValidation.Problem(start, found?.Policy.Conversation) is { } problem)
        {
            await RejectInvalidAsync(context, nameof(StartActiveContact), start.CommandId, found?.Policy.Channel, start.AccountId, start.To, problem);
            return;
        }
        if (found is not { Policy: var policy })
        {
            await RejectAsync(context, nameof(StartActiveContact), start.CommandId, null, start.AccountId, start.To,
                new RuleRejection(RejectionReason.UnknownAccount, "No active channel account with that id."));
            return;
        }

        var key = SessionTransitions.KeyOf(policy, start.AccountId, start.To);
        var accepted = new ActiveContactAccepted(start.CommandId, start.AgentId, start.Team, "") { Policy = policy.Conversation };
        if (key is not null && (await sessions.PeekAsync(key, accepted, ct)).Rejection is { } refused)
        {
            await RejectAsync(context, nameof(StartActiveContact), start.CommandId, policy.Channel, start.AccountId, start.To,
                new RuleRejection(refused, "The contact is in a conversation with another agent."));
            return;
        }
        var opening = await policy.OpenAsync(start, ct);
        if (opening.Refusal is { } refusal)
        {
            await RejectAsync(context, nameof(StartActiveContact), start.CommandId, policy.Channel, start.AccountId, start.To, refusal);
            return;
        }

        // An invalid recipient and an unapproved template are refused by the pipeline's rules, with their precise reasons.
        var outcome = await pipeline.ProcessAsync(opening.Command!, ct);
        if (key is not null && outcome.Accepted is { } sent)
            await sessions.ApplyAsync(key, accepted with { ProviderMessageId = sent.ProviderMessageId }, SessionPublishing.To(context, ct), ct);
        await context.PublishAsync(outcome, ct);
    }

    public async Task Consume(ConsumeContext<NotifyParticipantChange> context)
    {
        var notify = context.Message;
        var ct = context.CancellationToken;
        if (CommandValidation.Problem(notify) is { } problem)
        {
            await RejectInvalidAsync(context, nameof(NotifyParticipantChange), notify.CommandId, null, notify.AccountId, notify.To, problem);
            return;
        }
        if (await policies.FindAccountAsync(notify.AccountId, ct) is not { } found)
        {
            await RejectAsync(context, nameof(NotifyParticipantChange), notify.CommandId, null, notify.AccountId, notify.To,
                new RuleRejection(RejectionReason.UnknownAccount, "No channel account with that id."));
            return;
        }
        var (account, policy) = found;
        // Only a conversation free text may reach can carry the notice, whatever keeps it shut (no reply yet, expired, no session).
        if (SessionTransitions.KeyOf(policy, notify.AccountId, notify.To) is { } key &&
            (await sessions.PeekAsync(key, new ParticipantNoticeCheck { Policy = policy.Conversation }, ct)).Rejection is not null)
        {
            await RejectAsync(context, nameof(NotifyParticipantChange), notify.CommandId, policy.Channel, notify.AccountId, notify.To,
                new RuleRejection(RejectionReason.WindowClosed, "The contact's window is not open."));
            return;
        }

        var notice = (notify.Joined ? account.JoinNotice : account.LeaveNotice).Replace("{nome}", notify.AgentName, StringComparison.Ordinal);
        var outcome = await pipeline.ProcessAsync(OutboundCommand.From(new SendText(notify.CommandId, notify.AccountId, notify.To, notice)), ct);
        await context.PublishAsync(outcome, ct);
    }

    public async Task Consume(ConsumeContext<EndSession> context)
    {
        var end = context.Message;
        var ct = context.CancellationToken;
        if (CommandValidation.Problem(end) is { } problem)
        {
            await RejectInvalidAsync(context, nameof(EndSession), end.CommandId, null, end.AccountId, end.To, problem);
            return;
        }
        if (await policies.FindAccountAsync(end.AccountId, ct) is not { Policy: var policy })
        {
            await RejectAsync(context, nameof(EndSession), end.CommandId, null, end.AccountId, end.To,
                new RuleRejection(RejectionReason.UnknownAccount, "No channel account with that id."));
            return;
        }
        // A recipient that names nobody on the channel has no session to end; ending one that is not live changes nothing.
        if (SessionTransitions.KeyOf(policy, end.AccountId, end.To) is { } key)
            await sessions.ApplyAsync(key, new SessionEnded(end.CommandId), SessionPublishing.To(context, ct), ct);
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
        var decided = new CommandOutcome(null, SessionPublishing.Rejection(commandId, channel, accountId, to, rejection.Reason,
            rejection.Detail, clock.GetUtcNow()));
        var outcome = await pipeline.SettleAsync(commandId, commandType, to, decided, context.CancellationToken);
        await context.PublishAsync(outcome, context.CancellationToken);
    }
}
