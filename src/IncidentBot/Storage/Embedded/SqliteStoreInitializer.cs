using Microsoft.Extensions.Hosting;

namespace IncidentBot.Storage.Embedded;

/// <summary>Opens the file on start, so a path the process cannot write fails the deployment, not the first declare.</summary>
internal sealed class SqliteStoreInitializer(SqliteDocumentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
