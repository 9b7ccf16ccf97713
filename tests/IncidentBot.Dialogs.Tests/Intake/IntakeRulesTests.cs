using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Dialogs.Tests.Intake;

public sealed class IntakeRulesTests
{
    private static readonly IntakeRules Rules = IntakeRules.Default with
    {
        TrustedOrganisations = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Internet Watch Foundation" },
    };

    private static IntakeReport Report(IncidentSource source, Severity? severity = null, ReportReporter? reporter = null, string? regime = null) => new()
    {
        Source = source,
        ExternalId = "x",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Text = "text",
        Severity = severity,
        Reporter = reporter,
        Order = regime is null ? null : new RegulatorOrder { Regime = regime },
    };

    [Fact]
    public void Each_source_opens_at_its_policy_severity_when_the_report_suggests_none()
    {
        Assert.Equal(Severity.Sev2, Rules.SeverityFor(Report(IncidentSource.Regulator)));
        Assert.Equal(Severity.Sev3, Rules.SeverityFor(Report(IncidentSource.Partner)));
        Assert.Equal(Severity.Sev3, Rules.SeverityFor(Report(IncidentSource.Trending)));
        Assert.Equal(Severity.Sev4, Rules.SeverityFor(Report(IncidentSource.UserReport)));
    }

    [Fact]
    public void A_regime_decides_an_orders_severity_and_a_regulators_suggestion_may_only_make_it_more_severe()
    {
        Assert.Equal(Severity.Sev1, Rules.SeverityFor(Report(IncidentSource.Regulator, regime: "eu-tco-removal")));
        Assert.Equal(Severity.Sev1, Rules.SeverityFor(Report(IncidentSource.Regulator, Severity.Sev4, regime: "eu-tco-removal")));
        Assert.Equal(Severity.Sev1, Rules.SeverityFor(Report(IncidentSource.Regulator, Severity.Sev1, regime: "in-takedown-order")));
        Assert.Equal(Severity.Sev2, Rules.SeverityFor(Report(IncidentSource.Regulator, Severity.Sev3, regime: "in-takedown-order")));
    }

    [Fact]
    public void A_trusted_flagger_is_named_by_the_report_or_by_its_organisation_and_opens_at_least_at_the_floor()
    {
        var said = Report(IncidentSource.Partner, Severity.Sev4, new ReportReporter { IsTrustedFlagger = true });
        var listed = Report(IncidentSource.UserReport, reporter: new ReportReporter { Organisation = " internet watch foundation " });
        var other = Report(IncidentSource.Partner, Severity.Sev4, new ReportReporter { Organisation = "Somebody else" });

        Assert.True(Rules.IsTrusted(said));
        Assert.True(Rules.IsTrusted(listed));
        Assert.False(Rules.IsTrusted(other));
        Assert.Equal(Severity.Sev2, Rules.SeverityFor(said));
        Assert.Equal(Severity.Sev2, Rules.SeverityFor(listed));
        Assert.Equal(Severity.Sev4, Rules.SeverityFor(other));
        Assert.Equal(Severity.Sev1, Rules.SeverityFor(Report(IncidentSource.Partner, Severity.Sev1, new ReportReporter { IsTrustedFlagger = true })));
    }

    [Fact]
    public void A_listed_source_makes_every_report_of_it_a_trusted_flaggers()
    {
        var rules = Rules with { TrustedSources = new HashSet<IncidentSource> { IncidentSource.Partner } };

        Assert.True(rules.IsTrusted(Report(IncidentSource.Partner)));
        Assert.False(rules.IsTrusted(Report(IncidentSource.Trending)));
    }
}
