using IncidentBot.Dialogs.Incidents;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Incidents;

public sealed class IncidentLifecycleTests
{
    private static readonly UserId Alice = new("U0ALICE");
    private static readonly UserId Bob = new("U0BOB");
    private static readonly DateTimeOffset Now = IncidentBuilder.DefaultDeclaredAt.AddHours(10);

    /// <summary>The moves the lifecycle allows, written out independently of the code under test.</summary>
    private static readonly HashSet<(IncidentStatus From, IncidentStatus To)> Allowed =
    [
        (IncidentStatus.Declared, IncidentStatus.Investigating),
        (IncidentStatus.Declared, IncidentStatus.Mitigated),
        (IncidentStatus.Declared, IncidentStatus.Resolved),
        (IncidentStatus.Declared, IncidentStatus.Cancelled),
        (IncidentStatus.Investigating, IncidentStatus.Mitigated),
        (IncidentStatus.Investigating, IncidentStatus.Resolved),
        (IncidentStatus.Investigating, IncidentStatus.Cancelled),
        (IncidentStatus.Mitigated, IncidentStatus.Investigating),
        (IncidentStatus.Mitigated, IncidentStatus.Resolved),
        (IncidentStatus.Mitigated, IncidentStatus.Cancelled),
        (IncidentStatus.Resolved, IncidentStatus.Investigating),
        (IncidentStatus.Resolved, IncidentStatus.Closed),
    ];

    public static TheoryData<IncidentStatus, IncidentStatus> AllowedMoves() => Moves(m => Allowed.Contains(m));

    public static TheoryData<IncidentStatus, IncidentStatus> ForbiddenMoves() => Moves(m => m.From != m.To && !Allowed.Contains(m));

    private static TheoryData<IncidentStatus, IncidentStatus> Moves(Func<(IncidentStatus From, IncidentStatus To), bool> include)
    {
        var data = new TheoryData<IncidentStatus, IncidentStatus>();
        foreach (var from in Enum.GetValues<IncidentStatus>())
        {
            foreach (var to in Enum.GetValues<IncidentStatus>().Where(to => include((from, to))))
                data.Add(from, to);
        }
        return data;
    }

    public static TheoryData<IncidentStatus> AllStatuses() => [.. Enum.GetValues<IncidentStatus>()];

    private static Incident In(IncidentStatus status) => new IncidentBuilder().WithStatus(status).WithVersion(5).Build();

    private static Transition Succeeds(Result<Transition> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message.ToPlainText());
        return result.Value;
    }

    private static UserError Fails(Result<Transition> result)
    {
        Assert.False(result.IsSuccess);
        return result.Error;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void An_allowed_move_changes_the_status_and_bumps_the_version(IncidentStatus from, IncidentStatus to)
    {
        var (incident, _) = Succeeds(IncidentLifecycle.ChangeStatus(In(from), to, Alice, Now));

        Assert.Equal(to, incident.Status);
        Assert.Equal(6, incident.Version);
        Assert.Equal(Now, incident.UpdatedAt);
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void An_allowed_move_records_who_moved_it_from_where_to_where(IncidentStatus from, IncidentStatus to)
    {
        var (_, change) = Succeeds(IncidentLifecycle.ChangeStatus(In(from), to, Alice, Now));

        var expectedKind = (from, to) switch
        {
            (IncidentStatus.Resolved, IncidentStatus.Investigating) => TimelineKind.Reopened,
            (_, IncidentStatus.Resolved) => TimelineKind.Resolved,
            (_, IncidentStatus.Closed) => TimelineKind.Closed,
            (_, IncidentStatus.Cancelled) => TimelineKind.Cancelled,
            _ => TimelineKind.StatusChanged,
        };
        Assert.Equal(
            new TimelineEvent
            {
                Id = "evt-42-v000006",
                WorkspaceId = "T0WORKSPACE",
                IncidentNumber = 42,
                At = Now,
                Actor = Alice,
                Kind = expectedKind,
                Version = 6,
                From = from.ToString().ToLowerInvariant(),
                To = to.ToString().ToLowerInvariant(),
            },
            change);
    }

    [Theory]
    [MemberData(nameof(ForbiddenMoves))]
    public void A_forbidden_move_is_refused_naming_both_states(IncidentStatus from, IncidentStatus to)
    {
        var error = Fails(IncidentLifecycle.ChangeStatus(In(from), to, Alice, Now));

        Assert.Equal("forbidden_transition", error.Code);
        Assert.StartsWith(
            $"INC-42 is {from.ToString().ToLowerInvariant()} and cannot become {to.ToString().ToLowerInvariant()}.",
            error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Moving_to_the_current_status_is_no_change(IncidentStatus status)
    {
        var error = Fails(IncidentLifecycle.ChangeStatus(In(status), status, Alice, Now));

        Assert.Equal("no_change", error.Code);
        Assert.Equal($"INC-42 is already {status.ToString().ToLowerInvariant()}.", error.Message.ToPlainText());
    }

    [Theory]
    [InlineData(IncidentStatus.Declared)]
    [InlineData(IncidentStatus.Investigating)]
    [InlineData(IncidentStatus.Mitigated)]
    public void Closing_an_open_incident_says_to_resolve_it_first(IncidentStatus status)
    {
        var error = Fails(IncidentLifecycle.ChangeStatus(In(status), IncidentStatus.Closed, Alice, Now));

        Assert.EndsWith("Resolve it first: `INC-42 resolve [summary]`.", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Closing_an_investigating_incident_says_to_resolve_it_first()
    {
        var error = Fails(IncidentLifecycle.ChangeStatus(In(IncidentStatus.Investigating), IncidentStatus.Closed, Alice, Now));

        Assert.Equal("INC-42 is investigating and cannot become closed. Resolve it first: `INC-42 resolve [summary]`.", error.Message.ToPlainText());
    }

    [Theory]
    [InlineData(IncidentStatus.Closed, IncidentStatus.Investigating)]
    [InlineData(IncidentStatus.Closed, IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Cancelled, IncidentStatus.Investigating)]
    [InlineData(IncidentStatus.Cancelled, IncidentStatus.Closed)]
    public void Moving_a_final_incident_says_to_declare_a_new_one(IncidentStatus from, IncidentStatus to)
    {
        var error = Fails(IncidentLifecycle.ChangeStatus(In(from), to, Alice, Now));

        Assert.EndsWith("It is final; declare a new incident if the problem is back.", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mitigating_a_resolved_incident_says_to_reopen_it_first()
    {
        var error = Fails(IncidentLifecycle.ChangeStatus(In(IncidentStatus.Resolved), IncidentStatus.Mitigated, Alice, Now));

        Assert.Equal("INC-42 is resolved and cannot become mitigated. Reopen it first with `reopen`.", error.Message.ToPlainText());
    }

    [Fact]
    public void Acknowledging_records_when()
    {
        var (incident, _) = Succeeds(IncidentLifecycle.ChangeStatus(In(IncidentStatus.Declared), IncidentStatus.Investigating, Alice, Now));

        Assert.Equal(Now, incident.AcknowledgedAt);
    }

    [Fact]
    public void Mitigating_straight_from_declared_also_acknowledges()
    {
        var (incident, _) = Succeeds(IncidentLifecycle.ChangeStatus(In(IncidentStatus.Declared), IncidentStatus.Mitigated, Alice, Now));

        Assert.Equal((Now, Now), (incident.AcknowledgedAt, incident.MitigatedAt));
    }

    [Fact]
    public void Resolving_straight_from_declared_also_acknowledges_and_mitigates()
    {
        var (incident, _) = Succeeds(IncidentLifecycle.ChangeStatus(In(IncidentStatus.Declared), IncidentStatus.Resolved, Alice, Now));

        Assert.Equal((Now, Now, Now), (incident.AcknowledgedAt, incident.MitigatedAt, incident.ResolvedAt));
    }

    [Fact]
    public void Later_moves_keep_the_first_acknowledgement_and_mitigation()
    {
        var mitigated = In(IncidentStatus.Mitigated);

        var back = Succeeds(IncidentLifecycle.ChangeStatus(mitigated, IncidentStatus.Investigating, Alice, Now)).Incident;
        var again = Succeeds(IncidentLifecycle.ChangeStatus(back, IncidentStatus.Mitigated, Alice, Now.AddHours(1))).Incident;

        Assert.Equal((mitigated.AcknowledgedAt, mitigated.MitigatedAt), (again.AcknowledgedAt, again.MitigatedAt));
    }

    [Fact]
    public void Resolving_with_a_summary_keeps_the_summary()
    {
        var (incident, change) = Succeeds(IncidentLifecycle.ChangeStatus(In(IncidentStatus.Mitigated), IncidentStatus.Resolved, Alice, Now, "Rolled back"));

        Assert.Equal("Rolled back", incident.ResolutionSummary);
        Assert.Equal("Rolled back", change.Text);
    }

    [Fact]
    public void Closing_records_when_and_keeps_the_resolution()
    {
        var resolved = new IncidentBuilder().WithStatus(IncidentStatus.Resolved).WithResolutionSummary("Rolled back").Build();

        var (incident, _) = Succeeds(IncidentLifecycle.ChangeStatus(resolved, IncidentStatus.Closed, Alice, Now));

        Assert.Equal(Now, incident.ClosedAt);
        Assert.Equal((resolved.ResolvedAt, "Rolled back"), (incident.ResolvedAt, incident.ResolutionSummary));
    }

    [Fact]
    public void Cancelling_records_when_and_the_reason()
    {
        var (incident, change) = Succeeds(IncidentLifecycle.ChangeStatus(In(IncidentStatus.Declared), IncidentStatus.Cancelled, Alice, Now, "Duplicate of INC-41"));

        Assert.Equal(Now, incident.CancelledAt);
        Assert.Null(incident.AcknowledgedAt);
        Assert.Equal("Duplicate of INC-41", change.Text);
    }

    [Fact]
    public void Reopening_a_resolved_incident_puts_it_back_to_investigating()
    {
        var resolved = new IncidentBuilder().WithStatus(IncidentStatus.Resolved).WithResolutionSummary("Rolled back").WithVersion(5).Build();

        var (incident, change) = Succeeds(IncidentLifecycle.Reopen(resolved, Alice, Now));

        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal((TimelineKind.Reopened, "resolved", "investigating", 6), (change.Kind, change.From, change.To, change.Version));
    }

    [Fact]
    public void Reopening_forgets_the_resolution_and_keeps_acknowledgement_and_mitigation()
    {
        var resolved = new IncidentBuilder().WithStatus(IncidentStatus.Resolved).WithResolutionSummary("Rolled back").Build();

        var (incident, _) = Succeeds(IncidentLifecycle.Reopen(resolved, Alice, Now));

        Assert.Equal((null, null), (incident.ResolvedAt, incident.ResolutionSummary));
        Assert.Equal((resolved.AcknowledgedAt, resolved.MitigatedAt), (incident.AcknowledgedAt, incident.MitigatedAt));
    }

    [Fact]
    public void Resolving_again_after_reopening_records_the_new_time()
    {
        var reopened = Succeeds(IncidentLifecycle.Reopen(In(IncidentStatus.Resolved), Alice, Now)).Incident;

        var (incident, _) = Succeeds(IncidentLifecycle.ChangeStatus(reopened, IncidentStatus.Resolved, Alice, Now.AddHours(1)));

        Assert.Equal(Now.AddHours(1), incident.ResolvedAt);
    }

    [Fact]
    public void Status_investigating_on_a_resolved_incident_is_a_reopen()
    {
        var (_, change) = Succeeds(IncidentLifecycle.ChangeStatus(In(IncidentStatus.Resolved), IncidentStatus.Investigating, Alice, Now));

        Assert.Equal(TimelineKind.Reopened, change.Kind);
    }

    [Fact]
    public void Reopening_a_closed_incident_says_closed_incidents_stay_closed()
    {
        var error = Fails(IncidentLifecycle.Reopen(In(IncidentStatus.Closed), Alice, Now));

        Assert.Equal("Only a resolved incident can be reopened; INC-42 is closed. Closed incidents stay closed: declare a new one and link it.", error.Message.ToPlainText());
    }

    [Theory]
    [InlineData(IncidentStatus.Declared)]
    [InlineData(IncidentStatus.Investigating)]
    [InlineData(IncidentStatus.Mitigated)]
    [InlineData(IncidentStatus.Cancelled)]
    public void Reopening_an_incident_that_is_not_resolved_says_only_resolved_ones_reopen(IncidentStatus status)
    {
        var error = Fails(IncidentLifecycle.Reopen(In(status), Alice, Now));

        Assert.Equal("not_allowed", error.Code);
        Assert.Equal($"Only a resolved incident can be reopened; INC-42 is {status.ToString().ToLowerInvariant()}.", error.Message.ToPlainText());
    }

    [Theory]
    [InlineData(IncidentStatus.Declared)]
    [InlineData(IncidentStatus.Investigating)]
    [InlineData(IncidentStatus.Mitigated)]
    [InlineData(IncidentStatus.Resolved)]
    public void Severity_can_change_until_the_incident_is_final(IncidentStatus status)
    {
        var (incident, change) = Succeeds(IncidentLifecycle.ChangeSeverity(In(status), Severity.Sev1, Alice, Now));

        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal((TimelineKind.SeverityChanged, "SEV3", "SEV1", 6), (change.Kind, change.From, change.To, change.Version));
    }

    [Theory]
    [InlineData(IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Cancelled)]
    public void Severity_of_a_final_incident_cannot_change(IncidentStatus status)
    {
        var error = Fails(IncidentLifecycle.ChangeSeverity(In(status), Severity.Sev1, Alice, Now));

        Assert.Equal("not_allowed", error.Code);
        Assert.Equal($"Cannot change the severity of an incident that is {status.ToString().ToLowerInvariant()}.", error.Message.ToPlainText());
    }

    [Fact]
    public void Setting_the_same_severity_is_no_change()
    {
        var error = Fails(IncidentLifecycle.ChangeSeverity(In(IncidentStatus.Investigating), Severity.Sev3, Alice, Now));

        Assert.Equal(("no_change", "INC-42 is already SEV3."), (error.Code, error.Message.ToPlainText()));
    }

    [Fact]
    public void Assigning_a_role_records_the_holder()
    {
        var (incident, change) = Succeeds(IncidentLifecycle.AssignRole(In(IncidentStatus.Investigating), IncidentRole.Lead, Bob, Alice, Now));

        Assert.Equal(Bob, incident.Roles.Lead);
        Assert.Equal((TimelineKind.RoleAssigned, "lead", null, "U0BOB", Alice), (change.Kind, change.Text, change.From, change.To, change.Actor));
    }

    [Fact]
    public void Replacing_a_role_holder_records_the_previous_one()
    {
        var incident = new IncidentBuilder().WithRoles(comms: Alice).Build();

        var (_, change) = Succeeds(IncidentLifecycle.AssignRole(incident, IncidentRole.Comms, Bob, Alice, Now));

        Assert.Equal(("U0ALICE", "U0BOB"), (change.From, change.To));
    }

    [Fact]
    public void Assigning_a_role_to_its_holder_is_no_change()
    {
        var incident = new IncidentBuilder().WithRoles(scribe: Bob).Build();

        var error = Fails(IncidentLifecycle.AssignRole(incident, IncidentRole.Scribe, Bob, Alice, Now));

        Assert.Equal(("no_change", "@U0BOB is already the scribe of INC-42."), (error.Code, error.Message.ToPlainText()));
    }

    [Theory]
    [InlineData(IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Cancelled)]
    public void Roles_of_a_final_incident_cannot_change(IncidentStatus status)
    {
        var error = Fails(IncidentLifecycle.AssignRole(In(status), IncidentRole.Lead, Bob, Alice, Now));

        Assert.Equal($"Cannot assign roles on an incident that is {status.ToString().ToLowerInvariant()}.", error.Message.ToPlainText());
    }

    [Fact]
    public void Roles_of_a_resolved_incident_can_change()
    {
        Assert.True(IncidentLifecycle.AssignRole(In(IncidentStatus.Resolved), IncidentRole.Scribe, Bob, Alice, Now).IsSuccess);
    }

    [Theory]
    [InlineData(IncidentStatus.Declared)]
    [InlineData(IncidentStatus.Investigating)]
    [InlineData(IncidentStatus.Mitigated)]
    public void A_status_update_on_an_open_incident_restarts_the_update_clock(IncidentStatus status)
    {
        var (incident, change) = Succeeds(IncidentLifecycle.PostStatusUpdate(In(status), "Error rate falling", Alice, Now));

        Assert.Equal(Now, incident.LastStatusUpdateAt);
        Assert.Equal((TimelineKind.StatusUpdate, "Error rate falling"), (change.Kind, change.Text));
    }

    [Theory]
    [InlineData(IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Cancelled)]
    public void A_status_update_on_a_finished_incident_says_to_use_a_note(IncidentStatus status)
    {
        var error = Fails(IncidentLifecycle.PostStatusUpdate(In(status), "Still fine", Alice, Now));

        Assert.Equal($"Cannot post a status update on an incident that is {status.ToString().ToLowerInvariant()}. Use `note` to add to its record.", error.Message.ToPlainText());
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void A_note_can_be_added_in_every_state_without_changing_the_incident(IncidentStatus status)
    {
        var before = In(status);

        var (incident, change) = Succeeds(IncidentLifecycle.AddNote(before, "Post-mortem on Friday", Alice, Now));

        Assert.Equal(before with { Version = 6, LastNonReportVersion = 6, UpdatedAt = Now }, incident);
        Assert.Equal((TimelineKind.Note, "Post-mortem on Friday"), (change.Kind, change.Text));
    }

    [Theory]
    [InlineData(IncidentStatus.Investigating)]
    [InlineData(IncidentStatus.Resolved)]
    public void Joining_adds_a_participant(IncidentStatus status)
    {
        var (incident, change) = Succeeds(IncidentLifecycle.Join(In(status), Bob, Bob, Now));

        Assert.Equal([Bob], incident.Participants);
        Assert.Equal((TimelineKind.Joined, "U0BOB"), (change.Kind, change.To));
    }

    [Fact]
    public void Joining_again_is_no_change()
    {
        var incident = new IncidentBuilder().WithRoles(lead: Bob).Build();

        var error = Fails(IncidentLifecycle.Join(incident, Bob, Bob, Now));

        Assert.Equal(("no_change", "@U0BOB is already in INC-42."), (error.Code, error.Message.ToPlainText()));
    }

    [Theory]
    [InlineData(IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Cancelled)]
    public void A_final_incident_cannot_be_joined(IncidentStatus status)
    {
        var error = Fails(IncidentLifecycle.Join(In(status), Bob, Bob, Now));

        Assert.Equal($"Cannot join an incident that is {status.ToString().ToLowerInvariant()}.", error.Message.ToPlainText());
    }

    [Fact]
    public void Linking_the_channel_is_recorded_as_done_by_the_bot()
    {
        var (incident, change) = Succeeds(IncidentLifecycle.LinkChannel(In(IncidentStatus.Declared), new ChannelId("C0INC42"), Now));

        Assert.Equal(new ChannelId("C0INC42"), incident.Channel);
        Assert.Equal((TimelineKind.ChannelCreated, null, "C0INC42"), (change.Kind, change.Actor, change.To));
    }

    [Fact]
    public void Linking_the_same_channel_again_is_no_change()
    {
        var incident = new IncidentBuilder().WithChannel(new ChannelId("C0INC42")).Build();

        Assert.Equal("no_change", Fails(IncidentLifecycle.LinkChannel(incident, new ChannelId("C0INC42"), Now)).Code);
    }

    [Fact]
    public void Declaring_starts_at_version_one_with_a_declared_event()
    {
        var draft = new IncidentBuilder().WithSeverity(Severity.Sev2).WithVersion(0).Build() with { Number = 7 };

        var (incident, change) = IncidentLifecycle.Declare(draft, Now);

        Assert.Equal((IncidentStatus.Declared, 1, Now, Now), (incident.Status, incident.Version, incident.DeclaredAt, incident.UpdatedAt));
        Assert.Equal(("evt-7-v000001", TimelineKind.Declared, 1, IncidentBuilder.DefaultReporter), (change.Id, change.Kind, change.Version, change.Actor!.Value));
        Assert.Equal((draft.Title, "SEV2"), (change.Text, change.To));
    }

    [Theory]
    [InlineData(IncidentStatus.Declared, true)]
    [InlineData(IncidentStatus.Investigating, true)]
    [InlineData(IncidentStatus.Mitigated, true)]
    [InlineData(IncidentStatus.Resolved, false)]
    [InlineData(IncidentStatus.Closed, false)]
    [InlineData(IncidentStatus.Cancelled, false)]
    public void An_incident_is_open_until_it_is_resolved_or_cancelled(IncidentStatus status, bool isOpen)
    {
        Assert.Equal(isOpen, In(status).IsOpen);
    }

    [Fact]
    public void A_purge_is_recorded_once_a_second_run_that_meets_it_records_nothing()
    {
        var closed = In(IncidentStatus.Closed);
        var removed = new Dictionary<string, string>();
        var first = Succeeds(IncidentLifecycle.RecordPurge(closed, Now, "Retention period over", removed));

        var error = Fails(IncidentLifecycle.RecordPurge(first.Incident, Now.AddSeconds(1), "Retention period over", removed));

        Assert.Equal(Now, first.Incident.PurgedAt);
        Assert.Equal("no_change", error.Code);
    }
}
