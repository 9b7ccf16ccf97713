using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Intake;

/// <summary>
/// An incident keeps the version of its last change other than a report joining it: the channel sync passes over
/// the changes after it without reading them, so every change that can post in the channel must move it.
/// </summary>
public sealed class LastNonReportVersionTests
{
    private static readonly DateTimeOffset Now = IncidentBuilder.DefaultDeclaredAt.AddHours(1);
    private static readonly UserId Lead = new("U0LEAD");

    [Fact]
    public void A_declared_incident_starts_at_its_first_version()
    {
        var declared = IncidentLifecycle.Declare(new IncidentBuilder().Build(), Now);

        Assert.Equal(1, declared.Incident.Version);
        Assert.Equal(1, declared.Incident.LastNonReportVersion);
    }

    [Fact]
    public void A_report_joining_leaves_it_where_it_was_and_a_trusted_flagger_s_report_moves_it()
    {
        var incident = Open(version: 7, lastNonReport: 4);

        var joined = Succeeds(IntakeLifecycle.Join(incident, Report("plain"), isTrusted: false, Severity.Sev2, Now));
        var flagged = Succeeds(IntakeLifecycle.Join(joined.Incident, Report("flagged"), isTrusted: true, Severity.Sev4, Now));
        var raised = Succeeds(IntakeLifecycle.Join(flagged.Incident, Report("raising"), isTrusted: true, Severity.Sev2, Now));

        Assert.Equal((TimelineKind.ReportReceived, 8, 4), (joined.Event.Kind, joined.Incident.Version, joined.Incident.LastNonReportVersion));
        Assert.Equal((TimelineKind.TrustedFlaggerReport, 9, 9), (flagged.Event.Kind, flagged.Incident.Version, flagged.Incident.LastNonReportVersion));
        Assert.Equal((TimelineKind.SeverityChanged, 10, 10), (raised.Event.Kind, raised.Incident.Version, raised.Incident.LastNonReportVersion));
    }

    [Fact]
    public void An_incident_stored_before_it_was_kept_stays_unknown_through_joins_and_is_known_after_any_other_change()
    {
        var incident = Open(version: 7, lastNonReport: null);

        var joined = Succeeds(IntakeLifecycle.Join(incident, Report("plain"), isTrusted: false, Severity.Sev2, Now));
        var noted = Succeeds(IncidentLifecycle.AddNote(joined.Incident, "Looking into it", Lead, Now));

        Assert.Null(joined.Incident.LastNonReportVersion);
        Assert.Equal(9, noted.Incident.LastNonReportVersion);
    }

    public static TheoryData<string> Changes() => ["note", "status", "severity", "role", "update", "hold", "channel"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_other_change_moves_it_to_its_own_version(string change)
    {
        var incident = Open(version: 7, lastNonReport: 3);

        var result = change switch
        {
            "note" => IncidentLifecycle.AddNote(incident, "A note", Lead, Now),
            "status" => IncidentLifecycle.ChangeStatus(incident, IncidentStatus.Investigating, Lead, Now),
            "severity" => IncidentLifecycle.ChangeSeverity(incident, Severity.Sev1, Lead, Now),
            "role" => IncidentLifecycle.AssignRole(incident, IncidentRole.Lead, Lead, Lead, Now),
            "update" => IncidentLifecycle.PostStatusUpdate(incident, "Still going", Lead, Now),
            "hold" => IncidentLifecycle.PlaceHold(incident, Lead, "Order 12", Now),
            _ => IncidentLifecycle.LinkChannel(incident, new ChannelId("C0STORM"), Now),
        };

        var transition = Succeeds(result);
        Assert.Equal(8, transition.Incident.Version);
        Assert.Equal(8, transition.Incident.LastNonReportVersion);
    }

    private static Incident Open(int version, int? lastNonReport) =>
        new IncidentBuilder().WithStatus(IncidentStatus.Declared).WithSeverity(Severity.Sev3).WithVersion(version).Build() with { LastNonReportVersion = lastNonReport };

    private static StoredReport Report(string externalId) => new()
    {
        WorkspaceId = "T0STORM",
        Source = "trending",
        ExternalId = externalId,
        ReceivedAt = Now,
        StoredAt = Now,
        Title = "A trend",
        IncidentNumber = 1,
        IsMerged = true,
        Sequence = 2,
    };

    private static Transition Succeeds(Result<Transition> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message.ToPlainText());
        return result.Value;
    }
}
