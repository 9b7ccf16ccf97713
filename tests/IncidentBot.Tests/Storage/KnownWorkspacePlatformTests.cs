using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.Tests.Storage;

/// <summary>The one place a workspace's unknown platform is read as Slack, on the embedded store.</summary>
public sealed class KnownWorkspacePlatformTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private SqliteDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteDocumentStore(Path.Combine(_directory, "registry.db"), TimeProvider.System, NullLogger<SqliteDocumentStore>.Instance);
        await _store.InitializeAsync(default);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_workspace_registered_on_teams_is_served_on_teams()
    {
        await new WorkspaceRegistry(_store, TimeProvider.System).EnsureAsync(new WorkspaceId("T-teams"), PlatformId.Teams, default);

        Assert.Equal(PlatformId.Teams, await KnownWorkspace.PlatformOfAsync(_store, new WorkspaceId("T-teams"), default));
    }

    [Fact]
    public async Task A_workspace_nobody_registered_is_read_as_slack()
    {
        Assert.Equal(PlatformId.Slack, await KnownWorkspace.PlatformOfAsync(_store, new WorkspaceId("T-unknown"), default));
    }
}
