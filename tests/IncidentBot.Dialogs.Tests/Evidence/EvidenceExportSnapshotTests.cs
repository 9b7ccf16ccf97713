using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Evidence;

/// <summary>
/// The package's ledger is streamed while the zip is written, so work still running (a report joining,
/// the channel being created) may store entries meanwhile. The package is the ledger as it was when the
/// export began: it verifies, and an entry stored after <c>exportedAt</c> is not in it.
/// </summary>
public sealed class EvidenceExportSnapshotTests : IAsyncLifetime
{
    private static readonly WorkspaceId Workspace = new("T0SNAPSHOT");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task An_entry_stored_while_the_package_is_written_is_left_out_and_the_package_verifies()
    {
        var first = await RecordAsync("first");
        var incident = (await _host.Get<IncidentStore>().FindAsync(Workspace, new IncidentNumber(first.IncidentNumber), CancellationToken.None))!.Value;
        var before = await LedgerAsync(first.IncidentNumber);

        var content = await _host.Get<EvidenceExport>().ContentAsync(incident, CancellationToken.None);
        var exportedAt = _host.Clock.GetUtcNow();
        _host.Clock.Advance(TimeSpan.FromSeconds(5));
        var joined = await RecordAsync("joined-during-export");
        using var zip = new MemoryStream();
        var manifest = await EvidencePackage.WriteAsync(zip, content, exportedAt, CancellationToken.None);
        var verified = await EvidenceVerifier.VerifyAsync(new MemoryStream(zip.ToArray()), EvidenceLimits.Default, CancellationToken.None);

        Assert.True(joined.IsMerged);
        Assert.True((await LedgerAsync(first.IncidentNumber)).Count > before.Count);
        Assert.True(verified.Valid, string.Join('\n', verified.Problems));
        Assert.Equal(before.Count, manifest.Entries);
        Assert.Equal(before[^1].Hash, manifest.LedgerHead);
    }

    private async Task<IntakeOutcome> RecordAsync(string externalId)
    {
        var recorded = await _host.Get<IntakeRecorder>().RecordAsync(Workspace, PlatformId.Slack, new IntakeReport
        {
            Source = IncidentSource.Trending,
            ExternalId = externalId,
            ReceivedAt = _host.Clock.GetUtcNow(),
            Text = "Children dare each other to hold their breath on camera #snapshot-trend",
            TrendKey = "#snapshot-trend",
            Market = "NP",
            Language = "en",
        }, CancellationToken.None);
        Assert.True(recorded.IsSuccess, recorded.Error?.Message.ToPlainText());
        return recorded.Value;
    }

    private async Task<List<LedgerEntry>> LedgerAsync(int number)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in _host.Get<LedgerStore>().ReadAsync(Workspace.Value, new IncidentNumber(number), 0, null, CancellationToken.None))
            entries.Add(entry);
        return entries;
    }
}
