using Conecta.Channels.Channels;
using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>
/// The shared session machine under Telegram's policy: no template first, no typing lock, no window. Every state a
/// Telegram session can be in × every input; the start's own condition (the contact started the bot) is the policy's.
/// </summary>
public sealed class TelegramConversationTests
{
    private const string Bot = "7000000001";
    private const string Chat = "987654321";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InProcessStartedChats _started = new(TimeProvider.System);

    // Nothing here reaches the Bot API: the channel's conversation side only.
    private IChannel Policy => new TelegramChannel(new BotApiClient(new HttpClient()), _started,
            new TelegramMedia(new BotApiClient(new HttpClient()), new BotApiFiles(new HttpClient()), Options.Create(new TelegramOptions())),
            Options.Create(new TelegramOptions()));

    private ConversationPolicy Rules => Policy.Profile.Conversation;

    // A month since the contact wrote: on a channel without a window that changes nothing.
    private static Session? InState(string state) => state switch
    {
        "None" => null,
        "AwaitingReply" => Stored(SessionState.AwaitingReply),
        "Open" => Stored(SessionState.Open),
        "Closed" => Stored(SessionState.Closed),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static Session Stored(SessionState state) =>
        new(Bot, Chat, Guid.Parse("0195f2a0-0000-7000-8000-0000000000bb"), state, "ana", "vendas", Guid.NewGuid(), Now.AddDays(-30), ["41"], 3)
        {
            Window = null,
        };

    private SessionInput Input(string input) => input switch
    {
        "start by the same agent" => new ActiveContactAccepted(Guid.NewGuid(), "ana", "vendas", "100") { Policy = Rules },
        "start by another agent" => new ActiveContactAccepted(Guid.NewGuid(), "bruno", "suporte", "100") { Policy = Rules },
        "new contact message" => new ContactMessage("42", Now, "oi", "geral") { Policy = Rules },
        "retried contact message" => new ContactMessage("41", Now.AddDays(-30), "oi", "geral") { Policy = Rules },
        "free-form check" => new FreeFormSendCheck { Policy = Rules },
        "window timer" => new WindowTimerFired(),
        "end session" => new SessionEnded(Guid.NewGuid()),
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    public static TheoryData<string, string, string, string, string?> Table => new()
    {
        // state, input, next state, events (in order), rejection
        { "None", "start by another agent", "AwaitingReply", "ActiveContactStarted", null },
        { "None", "new contact message", "Open", "SessionQueued", null },
        { "None", "free-form check", "None", "", null },
        { "None", "window timer", "None", "", null },

        { "AwaitingReply", "start by the same agent", "AwaitingReply", "", null },
        { "AwaitingReply", "start by another agent", "AwaitingReply", "", "ContactInSession" },
        // No typing was locked, so none is unlocked: the reply only queues the conversation to the start's team.
        { "AwaitingReply", "new contact message", "Open", "SessionQueued", null },
        { "AwaitingReply", "retried contact message", "AwaitingReply", "", null },
        { "AwaitingReply", "free-form check", "AwaitingReply", "", null },
        { "AwaitingReply", "end session", "Closed", "SessionClosed", null },

        { "Open", "start by another agent", "Open", "", "ContactInSession" },
        { "Open", "new contact message", "Open", "", null },
        { "Open", "free-form check", "Open", "", null },
        { "Open", "window timer", "Open", "", null },
        { "Open", "end session", "Closed", "SessionClosed", null },

        { "Closed", "start by another agent", "AwaitingReply", "ActiveContactStarted", null },
        { "Closed", "new contact message", "Open", "SessionQueued", null },
        { "Closed", "free-form check", "Closed", "", null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_state_and_input(string state, string input, string nextState, string events, string? rejection)
    {
        var decision = new SessionMachine(_clock).Decide(Bot, Chat, InState(state), Input(input));

        Assert.Equal(nextState, decision.Next?.State.ToString() ?? "None");
        Assert.Equal(events, string.Join(",", decision.Events.Select(e => e.GetType().Name)));
        Assert.Equal(rejection, decision.Rejection?.ToString());
        // Whatever it went through, a Telegram session has no window: nothing schedules its expiry.
        if (decision.Next is { } next) Assert.Null(next.WindowEndsAt);
    }

    [Fact]
    public void The_queued_conversation_says_it_has_no_window()
    {
        var queued = Assert.IsType<SessionQueued>(Assert.Single(
            new SessionMachine(_clock).Decide(Bot, Chat, null, new ContactMessage("42", Now, "oi", "geral") { Policy = Rules }).Events));

        Assert.Null(queued.WindowEndsAt);
        Assert.Equal(("geral", "oi", Chat), (queued.Team, queued.FirstMessageText, queued.ContactKey));
    }

    [Fact]
    public async Task A_contact_who_never_wrote_to_the_bot_cannot_be_started()
    {
        var refused = await Policy.OpenAsync(Start(Chat), default);

        Assert.Null(refused.Command);
        Assert.Equal(RejectionReason.ContactNotStarted, refused.Refusal!.Reason);
    }

    [Fact]
    public async Task A_contact_who_wrote_is_started_with_the_command_s_text()
    {
        await _started.RememberAsync(Bot, [Chat], default);

        var start = Start("+987654321");
        var opening = await Policy.OpenAsync(start, default);

        Assert.Null(opening.Refusal);
        Assert.Equal(start.CommandId, opening.Command!.CommandId);
        Assert.Equal(new SendText(start.CommandId, Bot, "+987654321", "Olá! Podemos continuar?"), opening.Command.Body);
    }

    [Theory]
    [InlineData("987654321", "987654321")]
    [InlineData(" -1001234567890", "-1001234567890")]
    [InlineData("+987654321", "987654321")]
    [InlineData("0987654321", "987654321")]
    [InlineData("5531988887777", "5531988887777")]
    [InlineData("+55 31 98888-7777", null)]
    [InlineData("@conecta", null)]
    [InlineData("bsuid:BR.1", null)]
    [InlineData("0", null)]
    public void A_contact_is_a_chat_id_in_one_spelling(string to, string? contactKey)
    {
        Assert.Equal(contactKey, Policy.ContactKeyOf(to));
    }

    private static StartActiveContact Start(string to) =>
        new(Guid.NewGuid(), Bot, to, "ana", "vendas", TemplateName: "", Language: "", Components: [], Text: "Olá! Podemos continuar?");
}
