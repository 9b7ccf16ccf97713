using Hangfire.InMemory;

namespace IncidentBot.Jobs;

/// <summary>This host's own job storage, created on first use (after Hangfire's logging is configured).</summary>
internal sealed class HostJobStorage : IDisposable
{
    public InMemoryStorage Storage { get; } = new(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });

    public void Dispose() => Storage.Dispose();
}
