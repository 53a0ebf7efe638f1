using Conecta.Channels.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Sessions;

/// <summary>Whatever happens in whatever order, free text is allowed only in an Open session inside its window.</summary>
public sealed class SessionMachinePropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void No_free_form_send_is_allowed_unless_the_session_is_open(int seed)
    {
        var random = new Random(seed);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        var machine = new SessionMachine(clock);
        Session? session = null;
        string[] agents = ["ana", "bruno"];

        for (var step = 0; step < 2_000; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(0, 6 * 60)));
            SessionInput input = random.Next(6) switch
            {
                0 => new ActiveContactAccepted(Guid.NewGuid(), agents[random.Next(2)], "vendas", "wamid.T"),
                // Sometimes a retried webhook: an old id and an old timestamp.
                1 => new ContactMessage("wamid." + random.Next(50), clock.GetUtcNow().AddMinutes(-random.Next(0, 3_000)), "oi", "geral"),
                2 => new WindowTimerFired(),
                3 => new SessionEnded(Guid.NewGuid()),
                4 => new TemplateAccepted(Guid.NewGuid(), "wamid.T"),
                _ => new ParticipantNoticeCheck(),
            };
            session = machine.Decide("1065", "5531988887777", session, input).Next;

            var check = machine.Decide("1065", "5531988887777", session, new FreeFormSendCheck());
            var open = session is { State: SessionState.Open } && clock.GetUtcNow() < session.WindowEndsAt;
            Assert.Equal(open, check.Rejection is null);
            // A participant notice goes exactly where free text may.
            Assert.Equal(open, machine.Decide("1065", "5531988887777", session, new ParticipantNoticeCheck()).Rejection is null);
        }
    }
}
