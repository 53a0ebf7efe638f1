using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Sessions;

/// <summary>Every state × every input of the conversation rules: next state, events published, rejection.</summary>
public sealed class SessionMachineTests
{
    private const string Account = "106540352242922";
    private const string Contact = "5531988887777";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    private readonly FakeTimeProvider _clock = new(Now);

    private SessionMachine Machine => new(_clock);

    /// <summary>Each state as stored; the contact's known message is always wamid.1.</summary>
    private static Session? InState(string state) => state switch
    {
        "None" => null,
        // The window had expired and a template went out again.
        "AwaitingReply" => Stored(SessionState.AwaitingReply, T0.AddHours(-30)),
        "Open" => Stored(SessionState.Open, T0),
        "Open past its window" => Stored(SessionState.Open, T0.AddHours(-25)),
        "WindowExpired" => Stored(SessionState.WindowExpired, T0.AddHours(-30)),
        "Closed" => Stored(SessionState.Closed, T0.AddHours(-30)),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static Session Stored(SessionState state, DateTimeOffset lastMessageAt) =>
        new(Account, Contact, Guid.Parse("0195f2a0-0000-7000-8000-0000000000aa"), state, "ana", "vendas", Guid.NewGuid(), lastMessageAt, ["wamid.1"], 7);

    private static SessionInput Input(string input) => input switch
    {
        "start by the same agent" => new ActiveContactAccepted(Guid.NewGuid(), "ana", "vendas", "wamid.T"),
        "start by another agent" => new ActiveContactAccepted(Guid.NewGuid(), "bruno", "suporte", "wamid.T"),
        "new contact message" => new ContactMessage("wamid.2", Now, "oi", "geral"),
        "retried contact message" => new ContactMessage("wamid.1", T0.AddHours(-30), "oi", "geral"),
        "free-form check" => new FreeFormSendCheck(),
        "notice check" => new ParticipantNoticeCheck(),
        "template accepted" => new TemplateAccepted(Guid.NewGuid(), "wamid.T2"),
        "window timer" => new WindowTimerFired(),
        "end session" => new SessionEnded(Guid.NewGuid()),
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    public static TheoryData<string, string, string, string, string?> Table => new()
    {
        // state, input, next state, events (in order), rejection
        { "None", "start by the same agent", "AwaitingReply", "ActiveContactStarted", null },
        { "None", "start by another agent", "AwaitingReply", "ActiveContactStarted", null },
        { "None", "new contact message", "Open", "SessionQueued", null },
        { "None", "retried contact message", "Open", "SessionQueued", null },
        { "None", "free-form check", "None", "", "TemplateRequired" },
        { "None", "window timer", "None", "", null },
        { "None", "template accepted", "None", "", null },
        { "None", "notice check", "None", "", "WindowClosed" },
        { "None", "end session", "None", "", null },

        { "AwaitingReply", "start by the same agent", "AwaitingReply", "", null },
        { "AwaitingReply", "start by another agent", "AwaitingReply", "", "ContactInSession" },
        { "AwaitingReply", "new contact message", "Open", "TypingUnlocked,SessionQueued", null },
        { "AwaitingReply", "retried contact message", "AwaitingReply", "", null },
        { "AwaitingReply", "free-form check", "AwaitingReply", "", "TypingLocked" },
        { "AwaitingReply", "window timer", "AwaitingReply", "", null },
        { "AwaitingReply", "template accepted", "AwaitingReply", "", null },
        { "AwaitingReply", "notice check", "AwaitingReply", "", "WindowClosed" },
        { "AwaitingReply", "end session", "Closed", "SessionClosed", null },

        { "Open", "start by the same agent", "Open", "", null },
        { "Open", "start by another agent", "Open", "", "ContactInSession" },
        { "Open", "new contact message", "Open", "", null },
        { "Open", "retried contact message", "Open", "", null },
        { "Open", "free-form check", "Open", "", null },
        { "Open", "window timer", "Open", "", null },
        { "Open", "template accepted", "Open", "", null },
        { "Open", "notice check", "Open", "", null },
        { "Open", "end session", "Closed", "SessionClosed", null },

        { "Open past its window", "start by the same agent", "Open", "", null },
        { "Open past its window", "start by another agent", "Open", "", "ContactInSession" },
        { "Open past its window", "new contact message", "Open", "SessionQueued", null },
        { "Open past its window", "retried contact message", "Open", "", null },
        { "Open past its window", "free-form check", "Open", "", "WindowClosed" },
        { "Open past its window", "window timer", "WindowExpired", "SessionWindowExpired", null },
        { "Open past its window", "template accepted", "AwaitingReply", "", null },
        { "Open past its window", "notice check", "Open", "", "WindowClosed" },
        { "Open past its window", "end session", "Closed", "SessionClosed", null },

        { "WindowExpired", "start by the same agent", "AwaitingReply", "ActiveContactStarted", null },
        { "WindowExpired", "start by another agent", "AwaitingReply", "ActiveContactStarted", null },
        { "WindowExpired", "new contact message", "Open", "SessionQueued", null },
        { "WindowExpired", "retried contact message", "WindowExpired", "", null },
        { "WindowExpired", "free-form check", "WindowExpired", "", "WindowClosed" },
        { "WindowExpired", "window timer", "WindowExpired", "", null },
        { "WindowExpired", "template accepted", "AwaitingReply", "", null },
        { "WindowExpired", "notice check", "WindowExpired", "", "WindowClosed" },
        { "WindowExpired", "end session", "Closed", "SessionClosed", null },

        { "Closed", "start by the same agent", "AwaitingReply", "ActiveContactStarted", null },
        { "Closed", "start by another agent", "AwaitingReply", "ActiveContactStarted", null },
        { "Closed", "new contact message", "Open", "SessionQueued", null },
        { "Closed", "retried contact message", "Closed", "", null },
        { "Closed", "free-form check", "Closed", "", "TemplateRequired" },
        { "Closed", "window timer", "Closed", "", null },
        { "Closed", "template accepted", "Closed", "", null },
        { "Closed", "notice check", "Closed", "", "WindowClosed" },
        { "Closed", "end session", "Closed", "", null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_state_and_input(string state, string input, string nextState, string events, string? rejection)
    {
        var current = InState(state);

        var decision = Machine.Decide(Account, Contact, current, Input(input));

        Assert.Equal(nextState, decision.Next?.State.ToString() ?? "None");
        Assert.Equal(events, string.Join(',', decision.Events.Select(e => e.GetType().Name)));
        Assert.Equal(rejection, decision.Rejection?.ToString());
        // Events only come with a change to store; a change may come without events (a later window).
        Assert.True(decision.Changed || decision.Events.Count == 0);
        if (!decision.Changed) Assert.Same(current, decision.Next);
    }

    [Fact]
    public void The_reply_unlocks_typing_and_queues_to_the_team_of_the_start_with_the_window_from_the_provider_timestamp()
    {
        var started = Machine.Decide(Account, Contact, null, new ActiveContactAccepted(Guid.NewGuid(), "ana", "vendas", "wamid.T")).Next;
        var repliedAt = Now.AddMinutes(-3);

        var decision = Machine.Decide(Account, Contact, started, new ContactMessage("wamid.R", repliedAt, "sim, pode falar", "geral"));

        var unlocked = Assert.IsType<TypingUnlocked>(decision.Events[0]);
        var queued = Assert.IsType<SessionQueued>(decision.Events[1]);
        Assert.Equal(("ana", repliedAt, repliedAt.AddHours(24)), (unlocked.AgentId, unlocked.RepliedAt, unlocked.WindowEndsAt));
        Assert.Equal(("vendas", "ana", "wamid.R", "sim, pode falar"), (queued.Team, queued.AgentId, queued.FirstMessageId, queued.FirstMessageText));
        Assert.Equal(started!.SessionId, queued.SessionId);
    }

    [Fact]
    public void A_contact_who_writes_first_is_queued_to_the_default_team_without_an_agent()
    {
        var queued = Assert.IsType<SessionQueued>(Assert.Single(
            Machine.Decide(Account, Contact, null, new ContactMessage("wamid.F", Now, "bom dia", "geral")).Events));

        Assert.Equal(("geral", null), (queued.Team, queued.AgentId));
    }

    [Fact]
    public void The_same_contact_message_applied_twice_changes_nothing_the_second_time()
    {
        var message = new ContactMessage("wamid.R", Now, "oi", "geral");
        var started = Machine.Decide(Account, Contact, null, new ActiveContactAccepted(Guid.NewGuid(), "ana", "vendas", "wamid.T")).Next;
        var once = Machine.Decide(Account, Contact, started, message).Next;

        var twice = Machine.Decide(Account, Contact, once, message);

        Assert.False(twice.Changed);
        Assert.Empty(twice.Events);
    }

    [Fact]
    public void The_window_runs_from_the_last_message_so_a_timer_for_an_earlier_window_does_nothing()
    {
        var opened = Machine.Decide(Account, Contact, null, new ContactMessage("wamid.1", Now, "oi", "geral")).Next;
        _clock.Advance(TimeSpan.FromHours(20));
        var extended = Machine.Decide(Account, Contact, opened, new ContactMessage("wamid.2", _clock.GetUtcNow(), "ainda aí?", "geral")).Next;

        _clock.Advance(TimeSpan.FromHours(5)); // 25 h after the first message, 5 h after the last
        var earlyTimer = Machine.Decide(Account, Contact, extended, new WindowTimerFired());
        var freeForm = Machine.Decide(Account, Contact, extended, new FreeFormSendCheck());
        _clock.Advance(TimeSpan.FromHours(19));
        var dueTimer = Machine.Decide(Account, Contact, extended, new WindowTimerFired());

        Assert.False(earlyTimer.Changed);
        Assert.Null(freeForm.Rejection);
        var expired = Assert.IsType<SessionWindowExpired>(Assert.Single(dueTimer.Events));
        Assert.Equal(Now.AddHours(44), expired.WindowEndedAt);
    }

    [Fact]
    public void A_session_keeps_its_id_across_an_expired_window_and_a_closed_one_is_followed_by_a_new_one()
    {
        var expired = InState("WindowExpired")!;
        var closed = InState("Closed")!;

        var restarted = Machine.Decide(Account, Contact, expired, new ActiveContactAccepted(Guid.NewGuid(), "bruno", "suporte", "wamid.T")).Next!;
        var reopened = Machine.Decide(Account, Contact, closed, new ContactMessage("wamid.9", Now, "oi de novo", "geral")).Next!;

        Assert.Equal((expired.SessionId, "bruno", "suporte"), (restarted.SessionId, restarted.AgentId, restarted.Team));
        Assert.NotEqual(closed.SessionId, reopened.SessionId);
        Assert.Equal((null, "geral"), (reopened.AgentId, reopened.Team));
    }

    [Fact]
    public void Event_ids_are_deterministic_so_a_replayed_transition_publishes_the_same_ids()
    {
        var command = Guid.NewGuid();
        var input = new ActiveContactAccepted(command, "ana", "vendas", "wamid.T");

        var first = Machine.Decide(Account, Contact, null, input);
        var again = Machine.Decide(Account, Contact, null, input);

        Assert.Equal(first.Next!.SessionId, again.Next!.SessionId);
        Assert.Equal(((ActiveContactStarted)first.Events[0]).EventId, ((ActiveContactStarted)again.Events[0]).EventId);
    }

    [Theory]
    [InlineData("WindowExpired")]
    [InlineData("Open past its window")]
    public void A_contact_writing_after_the_window_ended_is_a_new_session_queued_to_the_default_team(string state)
    {
        var expired = InState(state)!;

        var decision = Machine.Decide(Account, Contact, expired, new ContactMessage("wamid.9", Now, "voltei", "geral"));

        var queued = Assert.IsType<SessionQueued>(Assert.Single(decision.Events));
        Assert.NotEqual(expired.SessionId, queued.SessionId);
        Assert.Equal((decision.Next!.SessionId, "geral", (string?)null, "voltei", Now.AddHours(24)),
            (queued.SessionId, queued.Team, queued.AgentId, queued.FirstMessageText, queued.WindowEndsAt));
        Assert.Equal((SessionState.Open, (string?)null, expired.Version), (decision.Next.State, decision.Next.AgentId, decision.Next.Version));
    }

    [Fact]
    public void A_template_after_the_window_locks_typing_again_and_the_reply_unlocks_it_in_the_same_session()
    {
        var expired = InState("WindowExpired")!;

        var awaiting = Machine.Decide(Account, Contact, expired, new TemplateAccepted(Guid.NewGuid(), "wamid.T2")).Next!;
        var locked = Machine.Decide(Account, Contact, awaiting, new FreeFormSendCheck());
        var reply = Machine.Decide(Account, Contact, awaiting, new ContactMessage("wamid.R2", Now, "oi", "geral"));

        Assert.Equal((SessionState.AwaitingReply, expired.SessionId, "ana", "vendas"), (awaiting.State, awaiting.SessionId, awaiting.AgentId, awaiting.Team));
        Assert.Equal(RejectionReason.TypingLocked, locked.Rejection);
        Assert.Equal(["TypingUnlocked", "SessionQueued"], reply.Events.Select(e => e.GetType().Name));
        var queued = (SessionQueued)reply.Events[1];
        Assert.Equal((expired.SessionId, "vendas", "ana"), (queued.SessionId, queued.Team, queued.AgentId));
    }

    [Fact]
    public void The_reply_to_a_template_in_a_session_without_an_agent_queues_it_without_a_typing_unlock()
    {
        var expired = InState("WindowExpired")! with { AgentId = null, Team = "geral" };
        var awaiting = Machine.Decide(Account, Contact, expired, new TemplateAccepted(Guid.NewGuid(), "wamid.T2")).Next!;

        var reply = Machine.Decide(Account, Contact, awaiting, new ContactMessage("wamid.R2", Now, "oi", "geral"));

        var queued = Assert.IsType<SessionQueued>(Assert.Single(reply.Events));
        Assert.Equal((expired.SessionId, "geral", (string?)null), (queued.SessionId, queued.Team, queued.AgentId));
    }

    [Fact]
    public void Ending_a_session_records_the_command_and_the_time_it_closed()
    {
        var command = Guid.NewGuid();

        var decision = Machine.Decide(Account, Contact, InState("Open"), new SessionEnded(command));

        var closed = Assert.IsType<SessionClosed>(Assert.Single(decision.Events));
        Assert.Equal((command, Now), (decision.Next!.ClosedByCommandId, decision.Next.ClosedAt));
        Assert.Equal((command, Now), (closed.CommandId, closed.ClosedAt));
    }
}
