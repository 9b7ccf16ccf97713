using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// The bot is killed (SIGKILL) in the middle of a burst of declares, then started again on the
/// same file: every declare that was answered with a number is stored, once, under that number;
/// the numbers run without gaps or repeats; and no incident is half-written (each has its
/// declared event and its receipt, and the counter is past it).
/// </summary>
public sealed partial class KillDuringBurstTests : IAsyncLifetime
{
    private const int Rate = 200;

    /// <summary>Killed once this many have been answered (the answers are the promises to check), or after <see cref="MaxBurst"/>.</summary>
    private const int KillAfterAnswers = 30;

    private static readonly TimeSpan MaxBurst = TimeSpan.FromSeconds(45);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(4));
    private FakeSlackServer _slack = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _slack = await FakeSlackServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        _timeout.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp folder is cleaned by the system.
        }
    }

    [Fact]
    public async Task Every_declare_answered_with_a_number_survives_a_kill_in_the_middle_of_a_burst_once_and_whole()
    {
        var answered = new ConcurrentDictionary<int, string>();
        var triggers = new ConcurrentDictionary<string, string>();
        await using (var bot = await BotProcess.StartAsync(Settings(), _timeout.Token))
        {
            using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            var sends = new List<Task>();
            var started = Stopwatch.StartNew();
            // However busy the machine, the kill comes while declares are still arriving and being written.
            for (var i = 0; answered.Count < KillAfterAnswers && started.Elapsed < MaxBurst; i++)
            {
                var title = string.Create(CultureInfo.InvariantCulture, $"Burst declare {i:D4}");
                var trigger = string.Create(CultureInfo.InvariantCulture, $"{i}.burst");
                triggers[trigger] = title;
                sends.Add(DeclareAsync(http, title, trigger, answered));
                // Open loop: the next request leaves on schedule, whatever the earlier ones are doing.
                var next = TimeSpan.FromSeconds((i + 1) / (double)Rate) - started.Elapsed;
                if (next > TimeSpan.Zero)
                    await Task.Delay(next, _timeout.Token);
            }
            await bot.KillAsync();
            await Task.WhenAll(sends);
        }
        Assert.True(answered.Count >= KillAfterAnswers, $"Too few declares were answered before the kill ({answered.Count}) for the test to say anything.");

        // Started again on the same file: whatever it finds is whole; then stopped to read the file.
        await using (var restarted = await BotProcess.StartAsync(Settings(), _timeout.Token))
            await restarted.KillAsync();

        using var store = new SqliteDocumentStore(Path.Combine(_directory, "incidents.db"), TimeProvider.System, NullLogger<SqliteDocumentStore>.Instance);
        var incidents = await store.QueryAsync<Incident>(new DocumentQuery(SlackRequests.Team, Incident.DocumentType), _timeout.Token)
            .Select(v => v.Value).ToListAsync(_timeout.Token);
        var numbers = incidents.Select(i => i.Number).Order().ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.All(incidents.GroupBy(i => i.Title), group => Assert.Single(group));
        foreach (var (number, title) in answered)
            Assert.Equal(title, Assert.Single(incidents, i => i.Number == number).Title);
        var counter = await store.ReadAsync<IncidentCounter>(SlackRequests.Team, IncidentCounter.DocumentId, _timeout.Token);
        Assert.True(counter!.Value.Next > numbers.Count, $"The counter ({counter.Value.Next}) is not past the last incident ({numbers.Count}).");
        foreach (var incident in incidents)
        {
            Assert.NotNull(await store.ReadAsync<TimelineEvent>(SlackRequests.Team, TimelineEvent.IdFor(incident.Number, 1), _timeout.Token));
            var trigger = triggers.Single(t => t.Value == incident.Title).Key;
            var receipt = await store.ReadAsync<DeclareReceipt>(SlackRequests.Team, IncidentDeclarer.ReceiptId("slack-trigger:" + trigger), _timeout.Token);
            Assert.Equal(incident.Number, receipt?.Value.IncidentNumber);
        }
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Slack:SigningSecret"] = BotApplication.SigningSecret,
        ["Slack:BotToken"] = _slack.BotToken,
        ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
        ["Slack:AllowLoopbackTargets"] = "true",
        ["Storage:Path"] = Path.Combine(_directory, "incidents.db"),
        ["Spool:Path"] = Path.Combine(_directory, "pending-declares.db"),
        ["Spool:RetryIntervalSeconds"] = "1",
    };

    private static async Task DeclareAsync(HttpClient http, string title, string trigger, ConcurrentDictionary<int, string> answered)
    {
        try
        {
            using var request = SlackRequests.Command("declare sev3 " + title, TimeProvider.System, triggerId: trigger);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
                return;
            var text = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["text"] ?? "";
            if (DeclaredNumber().Match(text) is { Success: true } match)
                answered[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] = title;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // In flight when the bot was killed: no answer, so no promise to keep.
        }
    }

    [GeneratedRegex(@"\*INC-(\d+)\* declared")]
    private static partial Regex DeclaredNumber();
}
