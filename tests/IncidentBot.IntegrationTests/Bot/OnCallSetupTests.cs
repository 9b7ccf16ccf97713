using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.OnCall;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>The on-call file as the running bot sees it: missing, invalid, naming people Slack does not know; and handoffs.</summary>
public sealed class OnCallSetupTests : SlackBotFixture
{
    private const string One = "U0RESPONE";
    private const string Two = "U0RESPTWO";
    private const string Three = "U0RESPTHREE";

    private readonly ObservableTimeProvider _clock = new();
    private readonly List<IDisposable> _files = [];
    private BotApplication? _bot;
    private HttpClient? _client;

    // Each test starts the bot with its own on-call file; one start must fail.
    protected override bool StartsBot => false;

    protected override void ArrangeSlack(FakeSlackServer slack)
    {
        slack.AddUser(new FakeSlackUser(One, "Responder One", "one@example.com"));
        slack.AddUser(new FakeSlackUser(Two, "Responder Two", "two@example.com"));
        slack.AddUser(new FakeSlackUser(Three, "Responder Three", "three@example.com"));
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_bot is not null)
            await _bot.DisposeAsync();
        await base.DisposeAsync();
        _files.ForEach(f => f.Dispose());
    }

    [Fact]
    public async Task Without_an_on_call_file_the_bot_runs_and_says_paging_is_not_configured()
    {
        Start(settings: []);

        var reply = await SendAsync("oncall");

        Assert.Contains("Paging is not configured", reply, StringComparison.Ordinal);
        Assert.Contains("OnCall:ConfigPath", reply, StringComparison.Ordinal);
        await SendAsync("declare Nobody gets paged");
        await _bot!.WaitForSlackAsync("conversations.create");
    }

    [Fact]
    public void An_invalid_on_call_file_stops_the_start_with_its_line()
    {
        var file = File(OnCallFile.Default.Replace("- oncall: tns-primary", "- oncall: tns-primry", StringComparison.Ordinal));
        _bot = new BotApplication(Slack, DatabasePath, _clock, file.Settings);

        var failure = Assert.ThrowsAny<Exception>(() => _bot.Start());

        var invalid = Assert.IsType<OnCallConfigException>(failure.GetBaseException());
        Assert.Matches(@"oncall\.yaml:24:\d+: unknown rotation `tns-primry`", invalid.Message);
    }

    [Fact]
    public async Task People_without_a_Slack_account_are_named_and_the_page_moves_on_to_the_next_step()
    {
        Start(File(OnCallFile.Default.Replace("[one@example.com, three@example.com]", "[gone@example.com, three@example.com]", StringComparison.Ordinal)).Settings);

        var check = await SendAsync("oncall check");
        await SendAsync("declare sev2 Impersonation wave");

        Assert.Contains("1 of 4 people", check, StringComparison.Ordinal);
        Assert.Contains("• gone@example.com", check, StringComparison.Ordinal);
        Assert.Contains("gone@example.com ⚠️ _no slack account with this e-mail_", await SendAsync("oncall tns"), StringComparison.Ordinal);
        // Step one reaches nobody, so step two (responder two) is paged at once, not after five minutes.
        await _bot!.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == Two);
        // The pinned summary says who could not be paged (posted with it, or updated to say so).
        static bool NamesTheMissing(SlackApiCall c) => c.JsonArg("blocks")?.ToJsonString().Contains("no slack account with that e-mail", StringComparison.Ordinal) == true;
        var updated = _bot.WaitForSlackAsync("chat.update", NamesTheMissing);
        var posted = _bot.WaitForSlackAsync("chat.postMessage", NamesTheMissing);
        var first = await Task.WhenAny(updated, posted);
        await (first.IsCompletedSuccessfully ? first : first == updated ? posted : updated);
        Assert.DoesNotContain(_bot.Logs.Logs, l => l.Message.Contains("gone@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_a_handoff_the_incoming_person_is_told_the_open_incidents_they_now_own()
    {
        Start(File().Settings);
        await SendAsync("declare sev2 Impersonation wave");
        await _bot!.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        await _bot.RunDueWorkAsync();

        // Tuesday 13:00 to the Monday 09:00 handoff: responder three takes over from responder one.
        _clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(20));
        await _bot.RunDueWorkAsync();

        var notice = await _bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == Three);
        Assert.Contains("You are now on call for *T&amp;S primary*", notice.Arg("text"), StringComparison.Ordinal);
        Assert.Contains("*INC-1*", notice.Arg("text"), StringComparison.Ordinal);
        await _bot.RunDueWorkAsync();
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == Three);
    }

    private OnCallFile File(string content = OnCallFile.Default)
    {
        var file = new OnCallFile(content);
        _files.Add(file);
        return file;
    }

    private void Start(Dictionary<string, string?> settings)
    {
        _bot = new BotApplication(Slack, DatabasePath, _clock, settings);
        _client = _bot.Start();
    }

    private async Task<string> SendAsync(string text)
    {
        var response = await _client!.SendAsync(SlackRequests.Command(text, _bot!.Clock));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? "" : (string?)JsonNode.Parse(body)!["text"] ?? body;
    }
}
