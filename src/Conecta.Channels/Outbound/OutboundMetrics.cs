using System.Diagnostics.Metrics;
using Conecta.Channels.Hosting;

namespace Conecta.Channels.Outbound;

/// <summary>
/// The outbound path's instruments: each command's one outcome (by channel, command type and reason) and every wait for a
/// rate limit. Labels never carry a recipient, an account or a command id.
/// </summary>
internal sealed class OutboundMetrics
{
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _waits;

    public OutboundMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetrySetup.MeterName);
        _outcomes = meter.CreateCounter<long>("conecta.outbound.commands", "{command}",
            "Commands by their one outcome: accepted (sent), or rejected with its reason");
        _waits = meter.CreateHistogram("conecta.outbound.rate_limit.wait", "s",
            "How long a command waited for a rate limit (0: a free slot), by scope; refused: it would have waited past its deadline",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    /// <param name="commandType">The command's contract name (a fixed set).</param>
    /// <remarks>channel is none when the command named no known account.</remarks>
    public void Outcome(string commandType, CommandOutcome outcome) =>
        _outcomes.Add(1, new("channel", outcome.Accepted?.Channel ?? outcome.Rejected?.Channel ?? "none"), new("command", commandType),
            new("outcome", outcome.Accepted is not null ? "accepted" : "rejected"),
            new("reason", outcome.Rejected is { } rejected ? Enum.GetName(rejected.Reason) : "none"));

    /// <param name="scope">recipient or account: which of the channel's limits.</param>
    public void Waited(string channel, string scope, TimeSpan waited, bool acquired) =>
        _waits.Record(waited.TotalSeconds, new("channel", channel), new("scope", scope), new("result", acquired ? "acquired" : "refused"));
}
