using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Bot;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Timers;

/// <summary>
/// The whole bot on a fake clock, for timer tests: declare over signed slash commands, move the
/// clock, run what is due (<see cref="BotApplication.RunDueWorkAsync"/>), read what reached the
/// fake Slack. <see cref="RestartAsync"/> stops the bot and starts a new one on the same database.
/// </summary>
internal sealed partial class TimersBot : SlackBotFixture
{
    /// <summary>Monday 2 March 2026, 08:00 UTC: 09:00 in Berlin, 13:45 in Kathmandu.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public const string Lead = "U0LEAD";
    public const string Bob = "U0BOB";
    public const string Carol = "U0CAROL";

    private readonly IDictionary<string, string?>? _settings;

    private TimersBot(IDictionary<string, string?>? settings) => _settings = settings;

    public FakeTimeProvider Clock { get; } = new(Monday);

    protected override BotHostOptions BotOptions => new() { Clock = Clock, Settings = _settings };

    public static async Task<TimersBot> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var bot = new TimersBot(settings);
        await bot.InitializeAsync();
        return bot;
    }

    protected override void ArrangeSlack(FakeSlackServer slack)
    {
        slack.AddUser(new FakeSlackUser(Lead, "Lena Lead", Tz: "Europe/Berlin"));
        slack.AddUser(new FakeSlackUser(Bob, "Bob Bhattarai", Tz: "Asia/Kathmandu"));
        slack.AddUser(new FakeSlackUser(Carol, "Carol Weber", Tz: "Europe/Berlin"));
        slack.AddUser(new FakeSlackUser(SlackRequests.User, "Alice Reporter", Tz: "UTC"));
    }

    /// <summary>A slash command as <paramref name="user"/> in <paramref name="channel"/>; the bot's immediate answer.</summary>
    public async Task<JsonNode> CommandAsync(string text, string? channel = null, string user = SlackRequests.User)
    {
        using var response = await Client.SendAsync(SlackRequests.Command(text, Clock, user, channel));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    public async Task<string> ReplyTextAsync(string text, string? channel = null, string user = SlackRequests.User) =>
        (string?)(await CommandAsync(text, channel, user))["text"] ?? "";

    /// <summary>Declares, lets the channel job open the channel, and returns the incident's number and channel.</summary>
    public async Task<(int Number, string Channel)> DeclareAsync(string text)
    {
        var reply = await ReplyTextAsync("declare " + text);
        var number = int.Parse(IncidentKey().Match(reply).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await RunDueAsync();
        var channel = await ChannelOfAsync(number);
        await RunDueAsync();
        return (number, channel);
    }

    /// <summary>The incident's channel; call after <see cref="RunDueAsync"/>, which leaves the job server idle.</summary>
    public async Task<string> ChannelOfAsync(int number)
    {
        var incident = await Bot.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(number), default);
        return incident?.Value.Channel?.Value
            ?? throw new InvalidOperationException($"INC-{number} has no channel after its work ran.\n{await DueWork.DescribeAsync(Bot.Services)}\n{Bot.ProblemLog()}");
    }

    /// <summary>Moves the bot's clock and runs everything that became due, as the job server would.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await RunDueAsync();
    }

    /// <summary>Runs due work like the job server (see <see cref="DueWork"/>).</summary>
    public Task RunDueAsync() => Bot.RunDueWorkAsync();

    public Task AdvanceToAsync(DateTimeOffset at) => AdvanceAsync(at - Clock.GetUtcNow());

    /// <summary>Bot messages posted to a channel (or, for a user id, sent to their DM) whose text contains <paramref name="marker"/>.</summary>
    public IReadOnlyList<string> Posts(string channelOrUser, string marker) =>
        [.. Slack.CallsTo("chat.postMessage")
            .Where(c => c.Arg("channel") == channelOrUser && (c.Arg("text") ?? "").Contains(marker, StringComparison.Ordinal))
            .Select(c => c.Arg("text")!)];

    /// <summary>Waits for <paramref name="count"/> such posts (a send may finish on a job thread), then returns all there are.</summary>
    public async Task<IReadOnlyList<string>> WaitForPostsAsync(string channelOrUser, string marker, int count)
    {
        try
        {
            await Slack.WaitForCallsAsync("chat.postMessage", count,
                c => c.Arg("channel") == channelOrUser && (c.Arg("text") ?? "").Contains(marker, StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nBot log (warnings and errors):\n" + Bot.ProblemLog(), e);
        }
        return Posts(channelOrUser, marker);
    }

    public async Task<JsonNode> GetApiAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Stops the bot (its in-memory job storage is lost) and starts a new one on the same database file and clock.</summary>
    public Task RestartAsync(TimeSpan? downtime = null) =>
        Started.RestartAsync(whileStopped: downtime is { } gap ? () => Clock.Advance(gap) : null);

    [GeneratedRegex(@"INC-(\d+)")]
    private static partial Regex IncidentKey();
}
