using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// A clock that never moves by itself and tells when anything starts a timer on it (a wait begun, a periodic job
/// scheduled): a test then knows the code under it reached that point, without waiting to see.
/// </summary>
internal sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>Completes when the first timer is created.</summary>
    public TaskCompletionSource Waited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Waited.TrySetResult();
        return timer;
    }
}
