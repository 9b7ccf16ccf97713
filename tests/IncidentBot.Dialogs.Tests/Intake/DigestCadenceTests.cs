using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Intake;

public sealed class DigestCadenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly IntakeRules Rules = IntakeRules.Default;

    [Theory]
    [InlineData(2, 1, true)] // a join a second after a join: the round comes for it
    [InlineData(40, 1, true)]
    [InlineData(2, 44, true)]
    [InlineData(2, 45, false)] // the interval less the margin: read and marked, as before
    [InlineData(2, 600, false)]
    [InlineData(1, 1, false)] // the report before it opened the incident: announced, never owed
    [InlineData(0, 1, false)] // a declared incident that no report has joined yet
    public void A_join_skips_the_digest_only_just_after_another_join(int reportCount, int secondsSinceLastReport, bool skips)
    {
        var before = Incident(reportCount, Now - TimeSpan.FromSeconds(secondsSinceLastReport));

        Assert.Equal(skips, DigestCadence.IsRoundComing(before, Now, Rules));
    }

    [Fact]
    public void An_interval_no_longer_than_the_margin_never_lets_a_join_skip()
    {
        var rules = Rules with { DigestInterval = DigestCadence.Margin };

        Assert.False(DigestCadence.IsRoundComing(Incident(50, Now), Now, rules));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(59, true)]
    [InlineData(60, false)]
    [InlineData(3600, false)]
    public void A_round_keeps_the_digest_owed_while_the_last_report_is_within_the_interval(int secondsSinceLastReport, bool keeps)
    {
        Assert.Equal(keeps, DigestCadence.KeepsOwing(Incident(10, Now - TimeSpan.FromSeconds(secondsSinceLastReport)), Now, Rules));
    }

    [Fact]
    public void Whatever_a_join_skips_for_a_round_keeps_owing_for_the_margin_after()
    {
        // The two rules together: a join that skipped at `Now` is covered by a round that reads the incident up to a margin later.
        var before = Incident(5, Now - Rules.DigestInterval + DigestCadence.Margin + TimeSpan.FromTicks(1));
        Assert.True(DigestCadence.IsRoundComing(before, Now, Rules));

        Assert.True(DigestCadence.KeepsOwing(before, Now + DigestCadence.Margin, Rules));
    }

    [Fact]
    public void An_incident_without_reports_keeps_nothing_owed()
    {
        Assert.False(DigestCadence.KeepsOwing(null, Now, Rules));
        Assert.False(DigestCadence.KeepsOwing(Incident(0, null), Now, Rules));
    }

    private static Incident Incident(int reportCount, DateTimeOffset? lastReportAt) =>
        new IncidentBuilder().Build() with { ReportCount = reportCount, LastReportAt = lastReportAt };
}
