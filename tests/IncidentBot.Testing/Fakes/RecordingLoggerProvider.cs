using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Fakes;

/// <summary>Keeps every formatted log line, so tests can check what is (and is not) logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> _logs = new();
    private readonly CallLog<RecordedLog> _awaitable = new("log line");

    public IReadOnlyList<RecordedLog> Logs => [.. _logs];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _logs, _awaitable);

    /// <summary>The first line matching, including lines already logged: a signal that work in the background got that far.</summary>
    public async Task<RecordedLog> WaitForAsync(Func<RecordedLog, bool> predicate, string description, TimeSpan? timeout = null) =>
        (await _awaitable.WaitAsync(predicate, 1, timeout ?? FakeSlackServer.DefaultWaitTimeout, description))[0];

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<RecordedLog> logs, CallLog<RecordedLog> awaitable) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new RecordedLog(category, logLevel, formatter(state, exception), exception);
            logs.Enqueue(line);
            awaitable.Add(line);
        }
    }
}
