using System.Collections.Concurrent;
using System.Diagnostics;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Bench.Outbound;

/// <summary>
/// The commands of one scenario and the outcomes that came back for them: exactly one each is
/// expected. Outcomes of commands it does not know (an earlier scenario's, arriving late) are
/// counted as stray, never mixed in.
/// </summary>
internal sealed class ScenarioLedger
{
    private const int None = 0, Accepted = 1, Rejected = 2;

    private readonly Dictionary<Guid, int> _index;
    private readonly long[] _publishedAt;
    private readonly long[] _outcomeAt;
    private readonly int[] _kind;
    private readonly TaskCompletionSource _allIn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outcomes;
    private int _duplicates;

    public ScenarioLedger(IReadOnlyList<Guid> commandIds)
    {
        _index = new Dictionary<Guid, int>(commandIds.Count);
        for (var i = 0; i < commandIds.Count; i++) _index.Add(commandIds[i], i);
        _publishedAt = new long[commandIds.Count];
        _outcomeAt = new long[commandIds.Count];
        _kind = new int[commandIds.Count];
        if (commandIds.Count == 0) _allIn.SetResult();
    }

    public int Count => _publishedAt.Length;

    public ConcurrentDictionary<RejectionReason, int> RejectedBy { get; } = new();

    public Task AllIn => _allIn.Task;

    public int Duplicates => Volatile.Read(ref _duplicates);

    public bool Knows(Guid commandId) => _index.ContainsKey(commandId);

    public void Published(int i, long at) => _publishedAt[i] = at;

    /// <returns>False when the command is not one of this scenario's.</returns>
    public bool Accept(Guid commandId, long at) => Record(commandId, Accepted, at);

    public bool Reject(Guid commandId, RejectionReason reason, long at)
    {
        if (!Record(commandId, Rejected, at)) return false;
        RejectedBy.AddOrUpdate(reason, 1, (_, n) => n + 1);
        return true;
    }

    private bool Record(Guid commandId, int kind, long at)
    {
        if (!_index.TryGetValue(commandId, out var i)) return false;
        if (Interlocked.CompareExchange(ref _kind[i], kind, None) != None)
        {
            Interlocked.Increment(ref _duplicates);
            return true;
        }
        _outcomeAt[i] = at;
        if (Interlocked.Increment(ref _outcomes) == _kind.Length) _allIn.TrySetResult();
        return true;
    }

    public (int Accepted, int Rejected, int Missing) Counts()
    {
        int accepted = 0, rejected = 0, missing = 0;
        for (var i = 0; i < _kind.Length; i++)
        {
            switch (Volatile.Read(ref _kind[i]))
            {
                case Accepted: accepted++; break;
                case Rejected: rejected++; break;
                default: missing++; break;
            }
        }
        return (accepted, rejected, missing);
    }

    /// <summary>Command → outcome, in milliseconds, for every command that has one; ascending.</summary>
    public double[] LatenciesMs()
    {
        var latencies = new List<double>(_kind.Length);
        for (var i = 0; i < _kind.Length; i++)
            if (Volatile.Read(ref _kind[i]) != None)
                latencies.Add(Stopwatch.GetElapsedTime(_publishedAt[i], _outcomeAt[i]).TotalMilliseconds);
        latencies.Sort();
        return [.. latencies];
    }

    public long FirstPublished => _publishedAt.Length == 0 ? 0 : _publishedAt.Min();

    public long LastOutcome => _outcomeAt.Length == 0 ? 0 : _outcomeAt.Max();
}

/// <summary>Routes the outcomes the bench's queue receives to the scenario running now.</summary>
internal sealed class OutcomeRouter
{
    private ScenarioLedger? _current;
    private int _stray;

    public int Stray => Volatile.Read(ref _stray);

    public void Attach(ScenarioLedger ledger) => Volatile.Write(ref _current, ledger);

    public void Accepted(MessageAccepted accepted)
    {
        var at = Stopwatch.GetTimestamp();
        if (Volatile.Read(ref _current) is not { } ledger || !ledger.Accept(accepted.CommandId, at)) Interlocked.Increment(ref _stray);
    }

    public void Rejected(MessageRejected rejected)
    {
        var at = Stopwatch.GetTimestamp();
        if (Volatile.Read(ref _current) is not { } ledger || !ledger.Reject(rejected.CommandId, rejected.Reason, at))
            Interlocked.Increment(ref _stray);
    }
}
