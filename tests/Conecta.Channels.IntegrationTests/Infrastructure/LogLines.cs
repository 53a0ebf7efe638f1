using Microsoft.Extensions.Logging;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// The service's log lines as they are written, for the positive marker of a check that something was not done: the
/// line that says the service looked at it and decided (a late older webhook "not applied"), waited for as an event.
/// </summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    /// <summary>The first line, written before or after this call, that <paramref name="match"/> accepts.</summary>
    public Task<string> WaitForAsync(Func<string, bool> match)
    {
        lock (_gate)
        {
            if (_lines.Find(line => match(line)) is { } written) return Task.FromResult(written);
            var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Every line written so far (Information and above), for a check that none says something it must not.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_gate) return _lines.ToList();
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogLines lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) lines.Write(formatter(state, exception));
        }
    }
}
