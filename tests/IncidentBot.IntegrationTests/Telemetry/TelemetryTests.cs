using System.Diagnostics;
using System.Net;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IncidentBot.IntegrationTests.Telemetry;

/// <summary>
/// The bot's OpenTelemetry output, caught by the in-memory exporter added to the bot's own
/// tracer and meter providers: spans of a declaration and of the work it starts, our counters,
/// and the lateness of an escalation measured on the fake clock. The workspace is this class's own,
/// since listeners hear every bot running in the process.
/// </summary>
public sealed class TelemetryTests : SlackBotFixture
{
    private const string Workspace = "T0TELEMETRY";
    private const string One = "U0RESPONE";
    private const string Two = "U0RESPTWO";

    private readonly ObservableTimeProvider _clock = new();
    private readonly ExportedCollection<Activity> _spans = new();
    private readonly ExportedCollection<MetricSnapshot> _metrics = new();
    private readonly OnCallFile _file = new();

    protected override BotHostOptions BotOptions => new()
    {
        Clock = _clock,
        Settings = new Dictionary<string, string?>(_file.Settings) { [TelemetryRegistration.EnabledKey] = "true" },
        Services = services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
        },
    };

    protected override void ArrangeSlack(FakeSlackServer slack)
    {
        slack.AddUser(new FakeSlackUser(One, "Responder One", "one@example.com", "UTC"));
        slack.AddUser(new FakeSlackUser(Two, "Responder Two", "two@example.com", "UTC"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task A_declare_is_a_DeclareIncident_span_under_the_slash_command_request_and_is_counted()
    {
        await DeclareAsync("declare sev2 Impersonation wave");

        var declare = await _spans.WaitForAsync(s => s.OperationName == "DeclareIncident" && InWorkspace(s));
        Assert.Equal(1, declare.GetTagItem(IncidentTelemetry.IncidentNumber));
        Assert.Equal("Sev2", declare.GetTagItem(IncidentTelemetry.Severity));
        // The request's span ends after its answer has gone, so after the declaration's.
        var request = await _spans.WaitForAsync(s => s.TraceId == declare.TraceId && s.Kind == ActivityKind.Server);
        Assert.Equal("/slack/commands", request.GetTagItem("url.path"));
        Assert.Equal(1L, Sum(IncidentMetrics.IncidentsDeclared));
    }

    [Fact]
    public async Task The_page_sent_for_a_declare_is_a_RunWork_span_with_the_Slack_call_under_it_and_is_counted()
    {
        await DeclareAsync("declare sev2 Impersonation wave");
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);

        var delivery = await _spans.WaitForAsync(s => s.OperationName == "RunWork" && InWorkspace(s) && (string?)s.GetTagItem(IncidentTelemetry.WorkKind) == PagingWork.Deliver);

        Assert.Contains(_spans.Snapshot(), s => s.TraceId == delivery.TraceId && s.Kind == ActivityKind.Client
            && ((string?)s.GetTagItem("url.full"))?.EndsWith("/chat.postMessage", StringComparison.Ordinal) == true);
        Assert.Equal(1L, Sum(IncidentMetrics.PagesSent));
    }

    [Fact]
    public async Task An_acknowledged_page_is_counted()
    {
        await DeclareAsync("declare sev2 Impersonation wave");
        var dm = await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        var pageId = (string)dm.JsonArg("blocks")!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]![0]!["value"]!;

        var response = await Client.SendAsync(SlackRequests.Interaction(new
        {
            type = "block_actions",
            user = new { id = One, team_id = Workspace },
            team = new { id = Workspace, domain = "tands" },
            container = new { type = "message", message_ts = "1732540000.000200", channel_id = "D0DIRECT" },
            channel = new { id = "D0DIRECT", name = "directmessage" },
            trigger_id = "1.2.telemetry",
            response_url = Slack.ResponseUrlFor("press-telemetry"),
            actions = new[] { new { action_id = PageMessages.AcknowledgeActionId, block_id = "page:" + pageId, value = pageId, type = "button", action_ts = "1700000000.000100" } },
        }, Bot.Clock));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1L, Sum(IncidentMetrics.PagesAcknowledged));
    }

    [Fact]
    public async Task An_escalation_that_runs_seven_seconds_after_its_due_time_records_seven_seconds_of_lateness()
    {
        await DeclareAsync("declare sev1 Coordinated harassment");
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        await Bot.RunDueWorkAsync();

        // The first step waits five minutes; the job server (this test) comes seven seconds late.
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(7));
        await Bot.RunDueWorkAsync();

        var escalation = await _spans.WaitForAsync(s => s.OperationName == "EscalatePage" && InWorkspace(s)
            && (string?)s.GetTagItem(IncidentTelemetry.Outcome) == "escalated");
        Assert.Equal("page-escalate", ParentOf(escalation)?.GetTagItem(IncidentTelemetry.WorkKind));
        var lateness = Point(IncidentMetrics.EscalationLateness);
        Assert.Equal(1, lateness.GetHistogramCount());
        Assert.Equal(7, lateness.GetHistogramSum(), precision: 3);
        Assert.Equal("escalated", Tag(lateness, IncidentTelemetry.Outcome));
    }

    [Fact]
    public async Task A_clock_warning_posted_in_the_incident_channel_is_counted_as_a_warning()
    {
        await DeclareAsync("declare sev2 Partner escalation about a scam wave");
        await Bot.WaitForSlackAsync("conversations.create");
        await Bot.RunDueWorkAsync();
        var reply = await Client.SendAsync(SlackRequests.Command("INC-1 clock start reply-window 1h", Bot.Clock, team: Workspace));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await Bot.RunDueWorkAsync();

        // Half of the hour: the first warning point.
        _clock.Advance(TimeSpan.FromMinutes(30));
        await Bot.RunDueWorkAsync();

        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")?.Contains("Clock `reply-window`", StringComparison.Ordinal) == true);
        var warnings = Point(IncidentMetrics.ClockWarnings);
        Assert.Equal(1L, warnings.GetSumLong());
        Assert.Equal("warning", Tag(warnings, IncidentTelemetry.ClockAlert));
    }

    private async Task DeclareAsync(string text)
    {
        var response = await Client.SendAsync(SlackRequests.Command(text, Bot.Clock, team: Workspace));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static bool InWorkspace(Activity span) => span.GetTagItem(IncidentTelemetry.WorkspaceId) as string == Workspace;

    private Activity? ParentOf(Activity span) => _spans.Snapshot().FirstOrDefault(s => s.SpanId == span.ParentSpanId && s.TraceId == span.TraceId);

    private long Sum(string instrument) => Point(instrument).GetSumLong();

    /// <summary>This workspace's point of an instrument, as of now (the providers export cumulative totals).</summary>
    private MetricPoint Point(string instrument)
    {
        _metrics.Clear();
        Assert.True(Bot.Services.GetRequiredService<MeterProvider>().ForceFlush(5000));
        var points = _metrics.Snapshot()
            .Where(m => m.Name == instrument)
            .SelectMany(m => m.MetricPoints)
            .Where(p => Tag(p, IncidentTelemetry.WorkspaceId) == Workspace)
            .ToList();
        return Assert.Single(points);
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
                return tag.Value?.ToString();
        }
        return null;
    }
}
