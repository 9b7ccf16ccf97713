using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Incidents;

public sealed class IncidentLifecyclePropertyTests
{
    /// <summary>One command applied to the incident, some minutes after the previous one.</summary>
    public sealed record Step(string Name, int MinutesLater, Func<Incident, DateTimeOffset, Result<Transition>> Apply)
    {
        public override string ToString() => $"{Name} (+{MinutesLater}m)";
    }

    public static class Steps
    {
        private static readonly UserId[] Users = [new("U1"), new("U2"), new("U3")];

        public static Arbitrary<Step> Step()
        {
            var user = Gen.Elements(Users);
            // Status moves are the interesting part, so they come up as often as everything else together.
            var command = Gen.Frequency(
                (7, Gen.Elements(Enum.GetValues<IncidentStatus>()).Zip(user).Select(x =>
                    Named($"status {x.Item1} by {x.Item2}", (i, at) => IncidentLifecycle.ChangeStatus(i, x.Item1, x.Item2, at, "because")))),
                (1, user.Select(u => Named($"reopen by {u}", (i, at) => IncidentLifecycle.Reopen(i, u, at)))),
                (1, Gen.Elements(Enum.GetValues<Severity>()).Select(s => Named($"sev {s}", (i, at) => IncidentLifecycle.ChangeSeverity(i, s, Users[0], at)))),
                (1, Gen.Elements(Enum.GetValues<IncidentRole>()).Zip(user).Select(x =>
                    Named($"{x.Item1} {x.Item2}", (i, at) => IncidentLifecycle.AssignRole(i, x.Item1, x.Item2, Users[0], at)))),
                (1, Gen.Constant(Named("update", (i, at) => IncidentLifecycle.PostStatusUpdate(i, "still on it", Users[0], at)))),
                (1, Gen.Constant(Named("note", (i, at) => IncidentLifecycle.AddNote(i, "for the record", Users[0], at)))),
                (1, user.Select(u => Named($"join {u}", (i, at) => IncidentLifecycle.Join(i, u, u, at)))),
                (1, Gen.Elements("C1", "C2").Select(c => Named($"link {c}", (i, at) => IncidentLifecycle.LinkChannel(i, new ChannelId(c), at)))));
            var step = command.Zip(Gen.Choose(0, 180)).Select(x => new Step(x.Item1.Name, x.Item2, x.Item1.Apply));
            return step.ToArbitrary();
        }

        private static (string Name, Func<Incident, DateTimeOffset, Result<Transition>> Apply) Named(
            string name, Func<Incident, DateTimeOffset, Result<Transition>> apply) => (name, apply);
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(Steps)])]
    public void Any_sequence_of_commands_keeps_the_lifecycle_invariants(Step[] steps)
    {
        var at = IncidentBuilder.DefaultDeclaredAt;
        var incident = IncidentLifecycle.Declare(new IncidentBuilder().Build(), at).Incident;
        var successes = 0;
        foreach (var step in steps)
        {
            at = at.AddMinutes(step.MinutesLater);
            var result = step.Apply(incident, at);
            if (!result.IsSuccess)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error.Message.ToPlainText()));
                continue;
            }
            var (next, change) = result.Value;
            AssertChangeInvariants(incident, next, change, at);
            AssertStateInvariants(next);
            incident = next;
            successes++;
        }
        Assert.Equal(1 + successes, incident.Version);
    }

    private static void AssertChangeInvariants(Incident before, Incident after, TimelineEvent change, DateTimeOffset at)
    {
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal((after.Version, TimelineEvent.IdFor(after.Number, after.Version), at), (change.Version, change.Id, change.At));
        Assert.Equal(at, after.UpdatedAt);
        Assert.Equal((before.Number, before.WorkspaceId, before.DeclaredAt), (after.Number, after.WorkspaceId, after.DeclaredAt));
        if (before.Status is IncidentStatus.Closed or IncidentStatus.Cancelled)
            Assert.Equal(before.Status, after.Status);

        // Set once, then kept; only reopening takes the resolution back.
        AssertKept(before.AcknowledgedAt, after.AcknowledgedAt);
        AssertKept(before.MitigatedAt, after.MitigatedAt);
        AssertKept(before.ClosedAt, after.ClosedAt);
        AssertKept(before.CancelledAt, after.CancelledAt);
        if (after.ResolvedAt is not null)
            AssertKept(before.ResolvedAt, after.ResolvedAt);
        else if (before.ResolvedAt is not null)
            Assert.Equal(TimelineKind.Reopened, change.Kind);
    }

    private static void AssertKept(DateTimeOffset? before, DateTimeOffset? after)
    {
        if (before is not null)
            Assert.Equal(before, after);
    }

    private static void AssertStateInvariants(Incident incident)
    {
        var status = incident.Status;
        Assert.Equal(status is IncidentStatus.Declared or IncidentStatus.Investigating or IncidentStatus.Mitigated, incident.IsOpen);
        Assert.Equal(status is IncidentStatus.Resolved or IncidentStatus.Closed, incident.ResolvedAt is not null);
        Assert.Equal(status is IncidentStatus.Closed, incident.ClosedAt is not null);
        Assert.Equal(status is IncidentStatus.Cancelled, incident.CancelledAt is not null);
        if (status is IncidentStatus.Investigating or IncidentStatus.Mitigated or IncidentStatus.Resolved or IncidentStatus.Closed)
            Assert.NotNull(incident.AcknowledgedAt);
        if (status is IncidentStatus.Mitigated or IncidentStatus.Resolved or IncidentStatus.Closed)
            Assert.NotNull(incident.MitigatedAt);

        // Each milestone comes no earlier than the one before it, and none after the last update.
        DateTimeOffset?[] milestones = [incident.DeclaredAt, incident.AcknowledgedAt, incident.MitigatedAt, incident.ResolvedAt, incident.ClosedAt, incident.UpdatedAt];
        var set = milestones.Where(t => t is not null).Select(t => t!.Value).ToArray();
        Assert.Equal(set.Order(), set);
        if (incident.CancelledAt is { } cancelled)
            Assert.InRange(cancelled, incident.DeclaredAt, incident.UpdatedAt);
    }
}
