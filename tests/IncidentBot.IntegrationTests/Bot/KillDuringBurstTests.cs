using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// The bot is killed (SIGKILL) in the middle of a burst of declares, then started again on the
/// same file: every declare that was answered with a number is stored, once, under that number;
/// every one answered "being recorded" (the store was too slow for the 3 s answer: the spool kept
/// it) is stored once by the restarted bot; the numbers run without gaps or repeats; and no
/// incident is half-written (each has its declared event and its receipt, and the counter is past it).
/// </summary>
public sealed partial class KillDuringBurstTests : IAsyncLifetime
{
    private const int Rate = 200;

    /// <summary>Killed once this many have been answered with their number (the answers are the promises to check)…</summary>
    private const int KillAfterAnswers = 5;

    /// <summary>At most this many are sent (two seconds at <see cref="Rate"/>), so a slow bot is not buried under an ever-growing backlog.</summary>
    private const int MaxSends = 2 * Rate;

    /// <summary>…or this long after the first answer of any kind: on a loaded machine most declares miss the answer's budget and are answered "being recorded".</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>How long the first answer, and the restarted bot's storing of the kept declares, may take before the test gives up.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromMinutes(2);

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
        var pending = new ConcurrentDictionary<string, bool>();
        var triggers = new ConcurrentDictionary<string, string>();
        var answers = new Answers(answered, pending);
        await using (var bot = await BotProcess.StartAsync(Settings(), _timeout.Token))
        {
            using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = AnswerBound };
            using var stop = new CancellationTokenSource();
            var sends = new ConcurrentBag<Task>();
            var sending = SendAsync(http, triggers, answers, sends, stop.Token);
            // However busy the machine, the kill comes while declares are still arriving and being written.
            await answers.First.Task.WaitAsync(AnswerBound, _timeout.Token);
            await Task.WhenAny(answers.Enough.Task, Task.Delay(Window, _timeout.Token));
            await stop.CancelAsync();
            await sending;
            await bot.KillAsync();
            await Task.WhenAll(sends);
        }
        Assert.True(answered.Count + pending.Count > 0, "No declare was answered before the kill: the test says nothing.");

        // Started again on the same file: whatever it finds is whole, and it stores what the spool kept; then stopped to read the file.
        await using (var restarted = await BotProcess.StartAsync(Settings(), _timeout.Token))
        {
            await WaitUntilStoredAsync(pending.Keys.ToHashSet(StringComparer.Ordinal));
            await restarted.KillAsync();
        }

        using var store = new SqliteDocumentStore(Path.Combine(_directory, "incidents.db"), TimeProvider.System, NullLogger<SqliteDocumentStore>.Instance);
        var incidents = await store.QueryAsync<Incident>(new DocumentQuery(SlackRequests.Team, Incident.DocumentType), _timeout.Token)
            .Select(v => v.Value).ToListAsync(_timeout.Token);
        var numbers = incidents.Select(i => i.Number).Order().ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.All(incidents.GroupBy(i => i.Title), group => Assert.Single(group));
        foreach (var (number, title) in answered)
            Assert.Equal(title, Assert.Single(incidents, i => i.Number == number).Title);
        Assert.All(pending.Keys, title => Assert.Single(incidents, i => i.Title == title));
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

    /// <summary>Open loop: each request leaves on schedule, whatever the earlier ones are doing, until told to stop.</summary>
    private static async Task SendAsync(
        HttpClient http, ConcurrentDictionary<string, string> triggers, Answers answers, ConcurrentBag<Task> sends, CancellationToken stop)
    {
        var started = Stopwatch.StartNew();
        for (var i = 0; i < MaxSends && !stop.IsCancellationRequested; i++)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"Burst declare {i:D4}");
            var trigger = string.Create(CultureInfo.InvariantCulture, $"{i}.burst");
            triggers[trigger] = title;
            sends.Add(DeclareAsync(http, title, trigger, answers));
            var next = TimeSpan.FromSeconds((i + 1) / (double)Rate) - started.Elapsed;
            if (next > TimeSpan.Zero)
                await Task.Delay(next, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task DeclareAsync(HttpClient http, string title, string trigger, Answers answers)
    {
        try
        {
            using var request = SlackRequests.Command("declare sev3 " + title, TimeProvider.System, triggerId: trigger);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
                return;
            var text = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["text"] ?? "";
            if (DeclaredNumber().Match(text) is { Success: true } match)
                answers.Numbered(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), title);
            else if (text.Contains(IncidentDeclarer.PendingMessage, StringComparison.Ordinal))
                answers.Pending(title);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // In flight when the bot was killed: no answer, so no promise to keep.
        }
    }

    /// <summary>Polls the file (read-only, beside the running bot) until every title is an incident's.</summary>
    private async Task WaitUntilStoredAsync(HashSet<string> titles)
    {
        var waited = Stopwatch.StartNew();
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "incidents.db"), Mode = SqliteOpenMode.ReadOnly }.ToString();
        while (true)
        {
            var stored = new HashSet<string>(StringComparer.Ordinal);
            await using (var sqlite = new SqliteConnection(connection))
            {
                await sqlite.OpenAsync(_timeout.Token);
                await using var command = sqlite.CreateCommand();
                command.CommandText = "SELECT json_extract(body, '$.title') FROM documents WHERE workspace_id = $workspace AND type = 'incident'";
                command.Parameters.AddWithValue("$workspace", SlackRequests.Team);
                await using var reader = await command.ExecuteReaderAsync(_timeout.Token);
                while (await reader.ReadAsync(_timeout.Token))
                    stored.Add(reader.GetString(0));
            }
            if (titles.IsSubsetOf(stored))
                return;
            if (waited.Elapsed > AnswerBound)
                throw new TimeoutException($"The restarted bot stored {titles.Count(stored.Contains)} of the {titles.Count} declares answered \"being recorded\" within {AnswerBound}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200), _timeout.Token);
        }
    }

    /// <summary>The answers so far: with a number, or "being recorded" (kept by the spool).</summary>
    private sealed class Answers(ConcurrentDictionary<int, string> numbered, ConcurrentDictionary<string, bool> pending)
    {
        public TaskCompletionSource First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Enough { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Numbered(int number, string title)
        {
            numbered[number] = title;
            First.TrySetResult();
            if (numbered.Count >= KillAfterAnswers)
                Enough.TrySetResult();
        }

        public void Pending(string title)
        {
            pending[title] = true;
            First.TrySetResult();
        }
    }

    [GeneratedRegex(@"\*INC-(\d+)\* declared")]
    private static partial Regex DeclaredNumber();
}
