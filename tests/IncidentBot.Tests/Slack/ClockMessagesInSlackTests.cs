using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Time;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Tests.Slack;

/// <summary>The clock alerts are RichText now; Slack must get the mrkdwn it got when they were strings.</summary>
public sealed class ClockMessagesInSlackTests
{
    private static readonly DateTimeOffset Started = new(2025, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private const string Due = "<!date^1764075600^{date_short_pretty} {time}|2025-11-25 13:00 UTC>";

    private static readonly Clock RemovalOrder = new()
    {
        WorkspaceId = "T0WORKSPACE",
        IncidentNumber = 7,
        Name = "eu-tco-removal",
        Title = "EU order & <co>",
        Window = TimeSpan.FromHours(1),
        StartedAt = Started,
        RecordedAt = Started,
    };

    private static readonly string Window = DurationText.Format(TimeSpan.FromHours(1));

    [Fact]
    public void A_warning_naming_the_lead_renders_as_before()
    {
        var message = ClockMessages.Warning(RemovalOrder, 0.75, Started.AddMinutes(45), new UserId("U0LEAD"), pages: true);

        Assert.Equal(
            $"⏰ *Clock `eu-tco-removal` (EU order &amp; &lt;co&gt;)*: 75% of {Window} used, *15m left* (due {Due}). <@U0LEAD> Paging the lead.",
            SlackMrkdwn.Render(message.Text));
    }

    [Fact]
    public void A_warning_without_a_lead_renders_as_before()
    {
        var message = ClockMessages.Warning(RemovalOrder, 0.75, Started.AddMinutes(45), null, pages: false);

        Assert.Equal(
            $"⏰ *Clock `eu-tco-removal` (EU order &amp; &lt;co&gt;)*: 75% of {Window} used, *15m left* (due {Due}). No lead is assigned: someone take it with `lead me`.",
            SlackMrkdwn.Render(message.Text));
    }

    [Fact]
    public void A_breach_renders_as_before()
    {
        var message = ClockMessages.Breach(RemovalOrder, null);

        Assert.Equal(
            $"🚨 *Clock `eu-tco-removal` (EU order &amp; &lt;co&gt;) breached*: the {Window} window ended {Due}. No lead is assigned. If it was met in time, record when with `clock met eu-tco-removal` and a note.",
            SlackMrkdwn.Render(message.Text));
    }
}
