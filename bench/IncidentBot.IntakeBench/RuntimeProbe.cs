using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace IncidentBot.IntakeBench;

/// <summary>
/// What the runtime did during a round, to explain a latency tail rather than guess at it: every GC
/// (generation, kind, how long managed threads were paused) from the runtime's own events, thread-pool
/// threads injected for starvation, and how late a work item queued to the thread pool every 2 ms starts
/// (the pool's queue as a report's continuation sees it). Times are seconds since the round's start.
/// </summary>
internal sealed class RuntimeProbe : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const EventKeywords ThreadingKeyword = (EventKeywords)0x10000;

    private readonly ConcurrentQueue<Gc> _gcs = new();
    private readonly ConcurrentQueue<(double At, double Lag)> _lags = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private readonly Thread _pinger;
    private volatile bool _stopped;
    private int _starvationInjections;
    private int _threadsAtMost;
    private (int Generation, int Type, int Reason, DateTime At)? _started;
    private DateTime? _suspendedAt;

    public RuntimeProbe()
    {
        _pinger = new Thread(Ping) { IsBackground = true, Name = "thread-pool lag probe" };
        _pinger.Start();
    }

    public IReadOnlyList<Gc> Gcs => [.. _gcs];

    /// <summary>When the probe's clock started (UTC).</summary>
    public DateTime StartedAt => _startedAt;

    /// <summary>Stops listening and probing; the figures stay readable.</summary>
    public void Stop()
    {
        _stopped = true;
        _pinger.Join();
        Dispose();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword | ThreadingKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case "GCStart_V2":
                _started = (Convert.ToInt32(e.Payload![1], CultureInfo.InvariantCulture), Convert.ToInt32(e.Payload[3], CultureInfo.InvariantCulture),
                    Convert.ToInt32(e.Payload[2], CultureInfo.InvariantCulture), e.TimeStamp);
                break;
            case "GCSuspendEEBegin_V1":
                _suspendedAt = e.TimeStamp;
                break;
            case "GCRestartEEEnd_V1" when _suspendedAt is { } suspended:
                // A background gen2 has two short pauses of its own; each is recorded against the GC that started last.
                var gc = _started ?? (-1, -1, -1, suspended);
                _gcs.Enqueue(new Gc(Seconds(suspended), gc.Generation, gc.Type, gc.Reason, (e.TimeStamp - suspended).TotalMilliseconds));
                _suspendedAt = null;
                break;
            case "ThreadPoolWorkerThreadAdjustmentAdjustment":
                // Reason 6: starvation (work queued and no thread free for the hill climber's interval).
                if (Convert.ToInt32(e.Payload![2], CultureInfo.InvariantCulture) == 6)
                    Interlocked.Increment(ref _starvationInjections);
                _threadsAtMost = Math.Max(_threadsAtMost, Convert.ToInt32(e.Payload[1], CultureInfo.InvariantCulture));
                break;
        }
    }

    private double Seconds(DateTime at) => (at.ToUniversalTime() - _startedAt).TotalSeconds;

    private void Ping()
    {
        while (!_stopped)
        {
            var queued = _clock.Elapsed.TotalMilliseconds;
            ThreadPool.UnsafeQueueUserWorkItem(_ => _lags.Enqueue((queued / 1000, _clock.Elapsed.TotalMilliseconds - queued)), null);
            Thread.Sleep(2);
        }
    }

    /// <summary>One paragraph: GCs by generation and their pauses, starvation, the pool's lag, and how the tail lines up with them.</summary>
    public string Describe(IReadOnlyList<(double At, double Latency)> tail)
    {
        var gcs = Gcs;
        var lags = _lags.Select(l => l.Lag).Order().ToList();
        double Lag(double q) => lags.Count == 0 ? double.NaN : lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(q * lags.Count) - 1)];
        var byGeneration = string.Join(", ", gcs.GroupBy(g => (g.Generation, g.Type)).OrderBy(g => g.Key).Select(g =>
            string.Create(CultureInfo.InvariantCulture,
                $"gen{g.Key.Generation}{(g.Key.Type == 1 ? " background" : "")} ×{g.Count()} pauses max {g.Max(p => p.PauseMs):0.0} ms sum {g.Sum(p => p.PauseMs):0} ms")));
        // The tail's reports (their planned send times) that were in flight when a pause longer than 5 ms began.
        var longPauses = gcs.Where(g => g.PauseMs > 5).ToList();
        var nearPause = tail.Count(t => longPauses.Any(g => g.At >= t.At && g.At <= t.At + t.Latency / 1000));
        var laggedTimes = _lags.Where(l => l.Lag > 10).Select(l => l.At).ToList();
        var nearLag = tail.Count(t => laggedTimes.Any(at => at >= t.At && at <= t.At + t.Latency / 1000));
        return string.Create(CultureInfo.InvariantCulture,
            $"  runtime: {(gcs.Count == 0 ? "no GCs" : byGeneration)}; total pause {gcs.Sum(g => g.PauseMs):0} ms; " +
            $"thread pool: {_starvationInjections} starvation injections, at most {_threadsAtMost} threads, lag of a queued item p50={Lag(0.5):0.00} p99={Lag(0.99):0.0} max={Lag(1):0.0} ms ({laggedTimes.Count} over 10 ms); " +
            $"of the {tail.Count} reports above p99: {nearPause} in flight when a GC pause > 5 ms began, {nearLag} when a queued item waited > 10 ms");
    }

    /// <param name="At">Seconds since the probe started.</param>
    /// <param name="Type">0 blocking, 1 background, 2 foreground (during a background GC).</param>
    internal sealed record Gc(double At, int Generation, int Type, int Reason, double PauseMs);
}
