using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Jobs;

/// <summary>The <c>Jobs</c> configuration section: the Hangfire server that runs stored work.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary><c>InMemory</c> (one instance) or <c>Redis</c> (several instances sharing their jobs).</summary>
    public JobStorageKind Storage { get; set; } = JobStorageKind.InMemory;

    public JobsRedisOptions Redis { get; set; } = new();

    /// <summary>
    /// How often the scheduler looks for due jobs; unset: 1 s in memory (in-process timers make due
    /// work punctual there), 0.25 s on Redis, where the scheduler is what takes over the timers of an
    /// instance that died. Hangfire's default of 15 s makes escalations late.
    /// </summary>
    [Range(0.1, 60)]
    public double? SchedulePollingIntervalSeconds { get; set; }

    public TimeSpan SchedulePollingInterval =>
        TimeSpan.FromSeconds(SchedulePollingIntervalSeconds ?? (Storage == JobStorageKind.InMemory ? 1 : 0.25));

    /// <summary>Worker threads; Slack calls are I/O bound, so more than cores.</summary>
    [Range(1, 100)]
    public int WorkerCount { get; set; } = 10;

    /// <summary>
    /// The nice value (Linux, 1–19) of the threads jobs run on, so that on a busy machine the answers people wait for go
    /// before background work (<see cref="JobThreads"/>); 0 runs jobs on the thread pool beside the requests.
    /// </summary>
    [Range(0, 19)]
    public int JobThreadNiceness { get; set; } = 5;

    /// <summary>How often the reconciler looks for work whose job was lost (a crash between storing it and scheduling it).</summary>
    [Range(1, 3600)]
    public int ReconcileIntervalSeconds { get; set; } = 5;

    /// <summary>Runs of a failing work item (Slack down, store throttled) before it is set aside for an operator.</summary>
    [Range(1, 50)]
    public int RetryAttempts { get; set; } = 10;

    /// <summary>
    /// How long the in-memory storage keeps a finished job (and anything else Hangfire lets expire).
    /// Nothing reads finished jobs (the store holds the truth, no Hangfire dashboard is served), and at
    /// 200 declares/s keeping them for hours held hundreds of MiB (PERFORMANCE.md, issue 12).
    /// </summary>
    [Range(1, 21_600)]
    public int FinishedJobRetentionSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds before each retry, comma-separated; the last repeats. Hangfire's own default waits
    /// 15 s to over a minute before the first retry, too long for a channel a responder is waiting for.
    /// </summary>
    [Required(ErrorMessage = "Jobs:RetryDelaysSeconds is a comma-separated list of whole seconds, e.g. \"1,3,10,30\".")]
    [RegularExpression(@"^\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*$", ErrorMessage = "Jobs:RetryDelaysSeconds is a comma-separated list of whole seconds, e.g. \"1,3,10,30\".")]
    public string RetryDelaysSeconds { get; set; } = "1,3,10,30,60,120,300,600,900,1800";

    public int[] RetryDelays() =>
        [.. RetryDelaysSeconds.Split(',', StringSplitOptions.TrimEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}
