using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Testing.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that lets a test await the moment code starts waiting:
/// <c>Task.Delay(delay, timeProvider)</c> creates a timer, and <see cref="WaitForTimerAsync"/>
/// completes when one with that due time exists. Only then is <c>Advance</c> meaningful,
/// since a timer created after an <c>Advance</c> counts from the new now.
/// </summary>
public sealed class ObservableTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    public ObservableTimeProvider()
        : this(new DateTimeOffset(2025, 11, 25, 13, 0, 0, TimeSpan.Zero))
    {
    }

    private readonly CallLog<TimeSpan> _timers = new("timer");

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), _timers);
        if (dueTime != Timeout.InfiniteTimeSpan)
            _timers.Add(dueTime);
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="dueTime"/> have been started.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, int count = 1, TimeSpan? timeout = null) =>
        _timers.WaitAsync(d => d == dueTime, count, timeout ?? FakeSlackServer.DefaultWaitTimeout, $"due in {dueTime}");

    /// <summary>Timers whose due time is set later, through <see cref="ITimer.Change"/>, are seen too.</summary>
    private sealed class ObservedTimer(ITimer inner, CallLog<TimeSpan> timers) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (dueTime != Timeout.InfiniteTimeSpan)
                timers.Add(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
