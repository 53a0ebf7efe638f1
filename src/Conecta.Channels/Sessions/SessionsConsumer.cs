using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using MassTransit;

namespace Conecta.Channels.Sessions;

/// <summary>Session commands and the contact's messages, each applied to the contact's session.</summary>
internal sealed class SessionsConsumer(SessionTransitions sessions, OutboundPipeline pipeline, IChannelAccounts accounts, TimeProvider clock) :
    IConsumer<StartActiveContact>, IConsumer<NotifyParticipantChange>, IConsumer<EndSession>, IConsumer<InboundMessageReceived>
{
    private const string WhatsApp = "whatsapp";

    public async Task Consume(ConsumeContext<StartActiveContact> context)
    {
        var start = context.Message;
        var ct = context.CancellationToken;
        var key = SessionTransitions.KeyOf(start.AccountId, start.To);
        if (key is not null &&
            (await sessions.PeekAsync(key, new ActiveContactAccepted(start.CommandId, start.AgentId, start.Team, ""), ct)).Rejection is { } refused)
        {
            await context.PublishAsync(new CommandOutcome(null, SessionPublishing.Rejection(start.CommandId, start.AccountId, start.To, refused,
                "The contact is in a conversation with another agent.", clock.GetUtcNow())), ct);
            return;
        }

        // An invalid number and an unapproved template are refused by the pipeline's rules, with their precise reasons.
        var outcome = await pipeline.ProcessAsync(OutboundCommand.From(
            new SendTemplate(start.CommandId, start.AccountId, start.To, start.TemplateName, start.Language, start.Components)), ct);
        if (key is not null && outcome.Accepted is { } accepted)
            await sessions.ApplyAsync(key, new ActiveContactAccepted(start.CommandId, start.AgentId, start.Team, accepted.ProviderMessageId),
                SessionPublishing.To(context, ct), ct);
        await context.PublishAsync(outcome, ct);
    }

    public async Task Consume(ConsumeContext<NotifyParticipantChange> context)
    {
        var notify = context.Message;
        var ct = context.CancellationToken;
        var account = await accounts.FindByProviderIdAsync(WhatsApp, notify.AccountId, ct);
        if (account is null)
        {
            await context.PublishAsync(new CommandOutcome(null, SessionPublishing.Rejection(notify.CommandId, notify.AccountId, notify.To,
                RejectionReason.UnknownAccount, "No channel account with that id.", clock.GetUtcNow())), ct);
            return;
        }
        // Only an open window may carry the notice, whatever keeps it shut (no reply yet, expired, no session).
        if (SessionTransitions.KeyOf(notify.AccountId, notify.To) is { } key &&
            (await sessions.PeekAsync(key, new FreeFormSendCheck(), ct)).Rejection is not null)
        {
            await context.PublishAsync(new CommandOutcome(null, SessionPublishing.Rejection(notify.CommandId, notify.AccountId, notify.To,
                RejectionReason.WindowClosed, "The contact's window is not open.", clock.GetUtcNow())), ct);
            return;
        }

        var notice = (notify.Joined ? account.JoinNotice : account.LeaveNotice).Replace("{nome}", notify.AgentName, StringComparison.Ordinal);
        var outcome = await pipeline.ProcessAsync(OutboundCommand.From(new SendText(notify.CommandId, notify.AccountId, notify.To, notice)), ct);
        await context.PublishAsync(outcome, ct);
    }

    public async Task Consume(ConsumeContext<EndSession> context)
    {
        var end = context.Message;
        if (SessionTransitions.KeyOf(end.AccountId, end.To) is { } key)
            await sessions.ApplyAsync(key, new SessionEnded(end.CommandId), SessionPublishing.To(context, context.CancellationToken), context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<InboundMessageReceived> context)
    {
        var message = context.Message;
        // WhatsApp's own notices (a contact changed numbers, …) are not the contact writing.
        if (message.Channel != WhatsApp || message.Type == "system") return;
        var ct = context.CancellationToken;
        var account = await accounts.FindByProviderIdAsync(message.Channel, message.AccountId, ct);
        await sessions.ApplyAsync(new SessionKey(message.AccountId, message.Contact.ContactKey),
            new ContactMessage(message.ProviderMessageId, message.SentAt, message.Content.Text, account?.DefaultTeam),
            SessionPublishing.To(context, ct), ct);
    }
}
