using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Checkpoints the embedded store's write-ahead log in the background, several times a second.
/// Left to the writer, a checkpoint (copying the log into the file and syncing it) ran inside a
/// write every 1,000 pages, and every write queued behind it waited: the slowest tenth of
/// Slack acknowledgements under load. A failed checkpoint is logged and tried again next tick;
/// the writer's own checkpoint (<see cref="SqliteSchema.WriterCheckpointPages"/>) still bounds the log.
/// </summary>
internal sealed class SqliteCheckpointer(SqliteDocumentStore store, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
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
