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
/// </remarks>
internal sealed class SqliteCheckpointer(SqliteDocumentStore store, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        var log = new FileInfo(store.Path + "-wal");
        (long Length, DateTime WrittenAt)? checkpointed = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    log.Refresh();
                    var now = log.Exists ? (log.Length, log.LastWriteTimeUtc) : (0, DateTime.MinValue);
                    if (now == checkpointed)
                        continue;
                    var done = await store.CheckpointAsync(stoppingToken);
                    // Only a complete checkpoint settles the log: frames a reader still held are copied on a later tick.
                    checkpointed = done.LogFrames >= 0 && done.CheckpointedFrames == done.LogFrames ? now : null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Never fatal: the writer still checkpoints past WriterCheckpointPages.
                    logger.CheckpointFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
