using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Spool;

/// <summary>
/// Group commit for the spool file: every write queued while one transaction is being synced goes
/// into the next transaction, so a burst costs one full sync per group instead of one per row, and
/// writers of this process never wait on each other inside SQLite's busy loop. The spool fills
/// exactly when the bot is overloaded or the store is slow; that is when a sync per row (and
/// "database is locked" past the busy timeout) would make things worse.
/// </summary>
internal sealed class SpoolWriter(Func<CancellationToken, Task<SqliteConnection>> open)
{
    private readonly Lock _gate = new();
    private List<SpoolWrite> _queue = [];
    private bool _draining;

    /// <summary>Completes once the statement is committed with a full sync; its scalar result, if any.</summary>
    public Task<object?> WriteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        var write = new SpoolWrite(sql, parameters);
        bool start;
        lock (_gate)
        {
            _queue.Add(write);
            start = !_draining;
            _draining = true;
        }
        if (start)
            _ = Task.Run(DrainAsync);
        return write.Done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<SpoolWrite> group;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }
                group = _queue;
                _queue = [];
            }
            try
            {
                var results = await CommitAsync(group);
                for (var i = 0; i < group.Count; i++)
                    group[i].Done.TrySetResult(results[i]);
            }
            catch (Exception) when (group.Count > 1)
            {
                // One bad statement fails its group: write each alone, so it fails only its own caller.
                foreach (var write in group)
                    await CommitAloneAsync(write);
            }
            catch (Exception e)
            {
                group[0].Done.TrySetException(e);
            }
        }
    }

    private async Task CommitAloneAsync(SpoolWrite write)
    {
        try
        {
            write.Done.TrySetResult((await CommitAsync([write]))[0]);
        }
        catch (Exception e)
        {
            write.Done.TrySetException(e);
        }
    }

    private async Task<object?[]> CommitAsync(List<SpoolWrite> group)
    {
        // Nobody waits on a cancelled caller here: a write that was queued is written, as the person was told.
        await using var connection = await open(CancellationToken.None);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None);
        var results = new object?[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = group[i].Sql;
            foreach (var (name, value) in group[i].Parameters)
                command.Parameters.AddWithValue(name, value);
            results[i] = await command.ExecuteScalarAsync(CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        return results;
    }

    private sealed record SpoolWrite(string Sql, (string Name, object Value)[] Parameters)
    {
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
