using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>What a test against one store file needs: a fake clock, a workspace of its own in the shared file, and a bound on the whole test.</summary>
public abstract class SqliteFileTest : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected string Workspace { get; } = "T" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    protected CancellationToken Cancellation => _timeout.Token;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _timeout.Dispose();
    }
}
