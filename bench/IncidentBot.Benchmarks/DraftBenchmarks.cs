using System.Globalization;
using BenchmarkDotNet.Attributes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Benchmarks;

/// <summary>
/// The post-mortem draft of an incident with 5,000 timeline events: rendering alone, and the
/// whole draft as the API serves it (timeline, clocks and action items read from the embedded store).
/// </summary>
[MemoryDiagnoser]
public class DraftBenchmarks
{
    public const int Events = 5000;

    private IHost _host = null!;
    private string _database = null!;
    private PostMortemDrafter _drafter = null!;
    private Incident _incident = null!;
    private PostMortemRecord _record = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = Path.Combine(Path.GetTempPath(), "incidentbot-bench", Guid.NewGuid().ToString("N"), "draft.db");
        _host = BenchHost.Build(_database, withJobs: false);
        await _host.StartAsync();
        var documents = _host.Services.GetRequiredService<IDocumentStore>();
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        _incident = new Incident
        {
            WorkspaceId = "T0BENCH", Platform = PlatformId.Slack, Number = 1, Title = "Coordinated harassment campaign", Severity = Severity.Sev1,
            Status = IncidentStatus.Resolved, Source = IncidentSource.Trending, Reporter = new UserId("U0REPORTER"), DeclaredAt = at,
            ResolvedAt = at.AddHours(30), Markets = ["NP", "IN"], Languages = ["ne", "bho"], Roles = new IncidentRoles { Lead = new UserId("U0LEAD") },
        };
        await documents.CreateAsync(_incident, default);
        var kinds = new[] { TimelineKind.StatusUpdate, TimelineKind.Note, TimelineKind.MessageAdded, TimelineKind.Joined, TimelineKind.SeverityChanged };
        for (var i = 0; i < Events; i++)
        {
            await documents.CreateAsync(new TimelineEvent
            {
                Id = TimelineEvent.IdFor(1, "e" + i.ToString(CultureInfo.InvariantCulture)),
                WorkspaceId = "T0BENCH", IncidentNumber = 1, At = at.AddSeconds(i * 20), Actor = new UserId("U" + (i % 40).ToString("D4", CultureInfo.InvariantCulture)),
                Kind = kinds[i % kinds.Length], Text = $"Update {i}: removed 12 more copies | <@U0LEAD> checking the Bhojpuri hashtags", From = "SEV2", To = "SEV1",
                Link = "https://example.slack.com/archives/C1/p" + i.ToString(CultureInfo.InvariantCulture),
            }, default);
        }
        _drafter = _host.Services.GetRequiredService<PostMortemDrafter>();
        _record = await _drafter.GatherAsync(_incident, redact: false, default);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(Path.GetDirectoryName(_database)!, recursive: true);
    }

    [Benchmark]
    public string Render_5000_events() => PostMortemMarkdown.Render(_record);

    [Benchmark]
    public Task<string> Draft_5000_events_from_the_store() => _drafter.DraftAsync(_incident, redact: false, default);
}
