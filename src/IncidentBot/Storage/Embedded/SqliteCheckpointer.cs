using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Checkpoints the embedded store's write-ahead log in the background, several times a second, so no
/// write waits behind a checkpoint (see PERFORMANCE.md). A failed checkpoint is logged and tried again
/// next tick; the writer's own checkpoint (<see cref="SqliteSchema.WriterCheckpointPages"/>) still bounds the log.
/// A tick whose log file is unchanged since the last complete checkpoint asks SQLite nothing, so an idle bot only looks at the file.
/// </summary>
/// <remarks>
/// Paced by the machine's monotonic clock, not the injected <see cref="TimeProvider"/>: it meters disk work,
/// not a due time, and a fake clock moved by months would fire it once per interval of the jump.
/// It runs on a thread of its own: a checkpoint is SQLite's synchronous copying and syncing, 30–40 ms at a time
/// under load, which on the thread pool kept one of the threads that answer requests for a third of the time.
/// </remarks>
internal sealed class SqliteCheckpointer(SqliteDocumentStore store, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    // LongRunning: the task gets a thread of its own, not a pool thread.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = "Store checkpoints";
        var log = new FileInfo(store.Path + "-wal");
        (long Length, DateTime WrittenAt)? checkpointed = null;
        while (!stoppingToken.WaitHandle.WaitOne(Interval))
        {
            try
            {
                log.Refresh();
                var now = log.Exists ? (log.Length, log.LastWriteTimeUtc) : (0, DateTime.MinValue);
                if (now == checkpointed)
                    continue;
                // Waited for here, on this thread: SQLite's work inside is synchronous anyway, and only a wait for the
                // write gate before a restart may finish on another thread.
                var done = store.CheckpointAsync(stoppingToken).GetAwaiter().GetResult();
                // Only a complete checkpoint settles the log: frames a reader still held are copied on a later tick.
                checkpointed = done.LogFrames >= 0 && done.CheckpointedFrames == done.LogFrames ? now : null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Never fatal: the writer still checkpoints past WriterCheckpointPages.
                logger.CheckpointFailed(e);
            }
        }
    }
}
