namespace IncidentBot.Storage;

/// <summary>
/// Runs a store's initialisation once, on the first call that needs it: concurrent first calls
/// wait for the one that runs it, and a failed run leaves the gate open for the next call to try.
/// </summary>
internal sealed class InitializeGate(Func<CancellationToken, Task> initialize) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _isDone;

    /// <summary>Every store call passes here first: once initialised, it costs one volatile read.</summary>
    public Task RunOnceAsync(CancellationToken cancellationToken) =>
        _isDone ? Task.CompletedTask : RunAsync(cancellationToken);

    /// <summary>Makes the next call initialise again (what it set up is gone, e.g. a lost Cosmos DB container).</summary>
    public void Reset() => _isDone = false;

    public void Dispose() => _gate.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_isDone)
                return;
            await initialize(cancellationToken);
            _isDone = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
