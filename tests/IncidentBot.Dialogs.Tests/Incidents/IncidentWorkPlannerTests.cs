using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Testing.Builders;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Dialogs.Tests.Incidents;

/// <summary>What a declaration asks of the clock and status-update planners: only work that can do something, when it can.</summary>
public sealed class IncidentWorkPlannerTests
{
    private static readonly DateTimeOffset DeclaredAt = IncidentBuilder.DefaultDeclaredAt;

    [Fact]
    public void A_declaration_asks_for_its_status_update_timer_at_the_first_reminder()
    {
        var declared = Declared(new IncidentBuilder().WithSeverity(Severity.Sev2).Build());

        var request = Assert.Single(new StatusUpdateWorkPlanner(new IncidentRules(), new FakeTimeProvider(DeclaredAt)).Plan(declared));

        Assert.Equal(StatusUpdateReminderWork.WorkKind, request.Kind);
        Assert.Equal(DeclaredAt + TimeSpan.FromMinutes(60), request.DueAt); // sev2's default cadence
    }

    [Fact]
    public void A_change_that_makes_a_reminder_due_asks_for_a_run_now()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev3).Build();
        var raised = IncidentLifecycle.ChangeSeverity(incident, Severity.Sev1, new UserId("U1"), DeclaredAt + TimeSpan.FromHours(2)).Value;

        var request = Assert.Single(new StatusUpdateWorkPlanner(new IncidentRules(), new FakeTimeProvider(DeclaredAt + TimeSpan.FromHours(2))).Plan(raised));

        Assert.Null(request.DueAt);
    }

    [Fact]
    public void A_source_no_auto_start_rule_admits_asks_for_no_clock_start()
    {
        var planner = new ClockWorkPlanner(new IncidentRules());

        Assert.Empty(planner.Plan(Declared(new IncidentBuilder().WithSource(IncidentSource.UserReport).WithSeverity(Severity.Sev1).WithMarkets("IN").Build())));
        // A regulator's sev3 matches no rule today, but a severity raised before the starter runs could: it is asked.
        var request = Assert.Single(planner.Plan(Declared(new IncidentBuilder().WithSource(IncidentSource.Regulator).WithSeverity(Severity.Sev3).Build())));
        Assert.Equal(ClockAutoStartWork.WorkKind, request.Kind);
    }

    private static Transition Declared(Incident incident) =>
        new(incident, new TimelineEvent
        {
            Id = TimelineEvent.IdFor(incident.Number, incident.Version),
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            At = incident.DeclaredAt,
            Kind = TimelineKind.Declared,
            Version = incident.Version,
        });
}
