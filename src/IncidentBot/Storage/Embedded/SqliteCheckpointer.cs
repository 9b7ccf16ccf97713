using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Checkpoints the embedded store's write-ahead log in the background, several times a second, so no
/// write waits behind a checkpoint (see PERFORMANCE.md). A failed checkpoint is logged and tried again
/// next tick; the writer's own checkpoint (<see cref="SqliteSchema.WriterCheckpointPages"/>) still bounds the log.
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
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await store.CheckpointAsync(stoppingToken);
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
