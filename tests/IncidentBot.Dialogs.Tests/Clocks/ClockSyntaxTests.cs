using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Tests.Commands;

namespace IncidentBot.Dialogs.Tests.Clocks;

public sealed class ClockSyntaxTests
{
    [Theory]
    [InlineData("clock")]
    [InlineData("clocks")]
    [InlineData("clock list")]
    public void Clock_alone_lists_the_clocks(string text)
    {
        Parsing.Parse<ListClocksCommand>(text);
    }

    [Fact]
    public void Start_reads_name_window_and_receipt_time()
    {
        var start = Parsing.Parse<StartClockCommand>("clock start EU-TCO-Removal 1h --from 2026-03-02 09:40");

        Assert.Equal("eu-tco-removal", start.Name);
        Assert.Equal(TimeSpan.FromHours(1), start.Window);
        Assert.Equal("2026-03-02 09:40", start.From!.Text);
    }

    [Fact]
    public void Start_without_a_window_leaves_it_to_the_policy()
    {
        var start = Parsing.Parse<StartClockCommand>("INC-4 clock start in-takedown-order --from=25m ago");

        Assert.Null(start.Window);
        Assert.Equal("25m ago", start.From!.Text);
        Assert.Equal(4, start.Target!.Value.Value);
    }

    [Theory]
    [InlineData("clock start x -1h", "negative")]
    [InlineData("clock start x 0m", "no time at all")]
    [InlineData("clock start x 1000d", "more than 90d")]
    [InlineData("clock start x 1h --from soonish", "not a time")]
    [InlineData("clock start x 1h --from", "Say when")]
    [InlineData("clock start x 1h --until 10:00", "not an option")]
    [InlineData("clock start", "Name the clock")]
    [InlineData("clock start Bad_Name! 1h", "cannot be a clock name")]
    [InlineData("clock start x 1h extra", "is extra")]
    [InlineData("clock stop x", "not a clock command")]
    [InlineData("clock met", "Name the clock")]
    [InlineData("clock resume a b", "takes only")]
    public void Bad_clock_commands_say_what_is_wrong_with_the_usage(string text, string expected)
    {
        var error = Parsing.Fail(text);

        Assert.Contains(expected, error.Message.ToPlainText(), StringComparison.Ordinal);
        Assert.NotNull(error.Usage);
    }

    [Fact]
    public void Pause_keeps_the_reason()
    {
        var pause = Parsing.Parse<PauseClockCommand>("clock pause eu-tco-removal asked the authority to clarify the URL");

        Assert.Equal("asked the authority to clarify the URL", pause.Reason);
    }

    [Fact]
    public void Met_resume_take_the_name()
    {
        Assert.Equal("partner-response", Parsing.Parse<MeetClockCommand>("clock met partner-response").Name);
        Assert.Equal("partner-response", Parsing.Parse<ResumeClockCommand>("clock resume partner-response").Name);
    }
}
