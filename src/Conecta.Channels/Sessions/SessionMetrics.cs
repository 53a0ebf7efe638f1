using System.Diagnostics.Metrics;
using Conecta.Channels.Hosting;

namespace Conecta.Channels.Sessions;

/// <summary>Sessions changing state, by the state they left and the one they entered (no account, no contact).</summary>
internal sealed class SessionMetrics
{
    private static readonly string[] States = Enum.GetNames<SessionState>();

    private readonly Counter<long> _transitions;

    public SessionMetrics(IMeterFactory meterFactory) =>
        _transitions = meterFactory.Create(TelemetrySetup.MeterName).CreateCounter<long>("conecta.sessions.transitions", "{transition}",
            "Stored session changes that changed its state (None: no session before)");

    /// <summary>Counts a stored change whose state differs from the one before; a change within a state is not a transition.</summary>
    public void Stored(SessionState from, SessionState to)
    {
        if (from != to) _transitions.Add(1, new("from", States[(int)from]), new("to", States[(int)to]));
    }
}
