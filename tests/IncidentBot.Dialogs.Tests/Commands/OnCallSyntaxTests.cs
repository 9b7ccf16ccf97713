using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Commands;
using static IncidentBot.Dialogs.Tests.Commands.Parsing;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class OnCallSyntaxTests
{
    [Fact]
    public void Oncall_alone_asks_about_every_team()
    {
        Assert.Null(Parse<OnCallCommand>("oncall").Team);
    }

    [Fact]
    public void Oncall_with_a_team_asks_about_that_team()
    {
        Assert.Equal("legal", Parse<OnCallCommand>("oncall legal").Team);
    }

    [Theory]
    [InlineData("oncall load", 30)]
    [InlineData("oncall load 7", 7)]
    [InlineData("oncall load 90d", 90)]
    public void Oncall_load_counts_over_days(string text, int days)
    {
        Assert.Equal(days, Parse<OnCallLoadCommand>(text).Days);
    }

    [Fact]
    public void Oncall_load_with_a_bad_number_names_it_with_usage()
    {
        var error = Fail("oncall load lots");

        Assert.Contains("`lots`", error.Message.ToPlainText(), StringComparison.Ordinal);
        Assert.Equal(OnCallSyntax.UsageLine, error.Usage);
    }

    [Fact]
    public void An_override_reads_team_person_and_times()
    {
        var command = Parse<OverrideCommand>("override tns <@U0BOB|bob> 2026-03-01T18:00 2026-03-02 08:00");

        Assert.Equal("tns", command.Team);
        Assert.Equal(new UserId("U0BOB"), command.User);
        Assert.Equal(new DateTime(2026, 3, 1, 18, 0, 0), command.From.Local);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 0, 0), command.To.Local);
    }

    [Fact]
    public void An_override_may_start_now_and_last_a_while()
    {
        var command = Parse<OverrideCommand>("override tns <@U0BOB> now 8h");

        Assert.Same(OverrideTime.Now, command.From);
        Assert.Equal(TimeSpan.FromHours(8), command.To.After);
    }

    [Theory]
    [InlineData("override tns @bob now 8h", "pick the person from the @ list")]
    [InlineData("override tns <@U0BOB> tomorrow 8h", "`tomorrow` is not a start")]
    [InlineData("override tns <@U0BOB> now later", "`later` is not an end")]
    [InlineData("override tns <@U0BOB>", "Give the team, the person")]
    public void A_wrong_override_says_what_is_wrong_with_usage(string text, string problem)
    {
        var error = Fail(text);

        Assert.Contains(problem, error.Message.ToPlainText(), StringComparison.Ordinal);
        Assert.Equal(OverrideSyntax.UsageLine, error.Usage);
    }

    [Fact]
    public void Page_reads_a_team_and_an_incident_after_it()
    {
        var command = Parse<PageCommand>("page legal INC-7");

        Assert.Equal("legal", command.Team);
        Assert.Equal(new IncidentNumber(7), command.Target);
    }

    [Fact]
    public void Page_reads_a_person_in_the_incident_channel()
    {
        var command = Parse<PageCommand>("page <@U0BOB|bob>");

        Assert.Equal(new UserId("U0BOB"), command.User);
        Assert.Null(command.Target);
    }

    [Fact]
    public void Page_takes_the_incident_named_first()
    {
        Assert.Equal(new IncidentNumber(3), Parse<PageCommand>("INC-3 page legal").Target);
    }

    [Fact]
    public void Page_without_whom_says_so()
    {
        Assert.Contains("Say whom to page", Fail("page").Message.ToPlainText(), StringComparison.Ordinal);
    }
}
