using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Sessions;

/// <summary>The read side of a conversation: each state as a user of the API reads it.</summary>
public sealed class ConversationViewTests
{
    private const string Account = "106540352242922";
    private const string Contact = "5531988887777";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionKey Key = new(Account, Contact);
    private static readonly Guid SessionId = Guid.Parse("0195f2a0-0000-7000-8000-0000000000aa");
    private static readonly Guid Start = Guid.Parse("0195f2a0-0000-7000-8000-0000000000bb");

    private readonly SessionMachine _machine = new(new FakeTimeProvider(Now));

    public static TheoryData<string, string, bool, bool, RejectionReason?> States => new()
    {
        // stored, state read, typing locked, queued, free text
        { "none", "None", false, false, RejectionReason.TemplateRequired },
        { "awaiting reply", "AwaitingReply", true, false, RejectionReason.TypingLocked },
        { "open", "Open", false, true, null },
        // The expiry timer has not run yet: the clock decides.
        { "open past its window", "WindowExpired", false, true, RejectionReason.WindowClosed },
        { "window expired", "WindowExpired", false, true, RejectionReason.WindowClosed },
        { "closed", "Closed", false, false, RejectionReason.TemplateRequired },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Each_state_reads_with_its_typing_lock_queue_and_free_text_answer(string stored, string state, bool typingLocked, bool queued,
        RejectionReason? freeText)
    {
        var view = View(Stored(stored));

        Assert.Equal((state, typingLocked, queued, freeText), (view.State.ToString(), view.TypingLocked, view.Queued, view.FreeText));
        Assert.Equal((Account, "whatsapp", Contact), (view.AccountId, view.Channel, view.ContactKey));
    }

    [Fact]
    public void An_open_conversation_tells_its_window_end_agent_team_and_start()
    {
        var view = View(Stored("open"));

        Assert.Equal((SessionId, "ana", "vendas", Now.AddHours(-1), Now.AddHours(23), Start),
            (view.SessionId, view.AgentId, view.Team, view.LastContactMessageAt, view.WindowEndsAt, view.StartCommandId));
    }

    [Fact]
    public void A_closed_conversation_tells_who_closed_it_and_when()
    {
        var end = Guid.NewGuid();
        var closed = _machine.Decide(Account, Contact, Stored("open"), new SessionEnded(end)).Next;

        var view = View(closed);

        Assert.Equal((SessionState.Closed, end, Now), (view.State, view.ClosedByCommandId, view.ClosedAt));
    }

    private ConversationView View(Session? session) =>
        ConversationView.Of("whatsapp", Key, _machine.Decide(Account, Contact, session, new FreeFormSendCheck()), Now);

    private static Session? Stored(string state) => state switch
    {
        "none" => null,
        "awaiting reply" => Session(SessionState.AwaitingReply, null),
        "open" => Session(SessionState.Open, Now.AddHours(-1)),
        "open past its window" => Session(SessionState.Open, Now.AddHours(-25)),
        "window expired" => Session(SessionState.WindowExpired, Now.AddHours(-25)),
        "closed" => Session(SessionState.Closed, Now.AddHours(-1)),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static Session Session(SessionState state, DateTimeOffset? lastMessageAt) =>
        new(Account, Contact, SessionId, state, "ana", "vendas", Start, lastMessageAt, ["wamid.1"], 3);
}
