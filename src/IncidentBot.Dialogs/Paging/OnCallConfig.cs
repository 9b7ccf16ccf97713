using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Routing;
using IncidentBot.Dialogs.Paging.Schedules;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// The on-call file, validated: teams with their rotations, escalation policies and routing
/// rules. Ids are unique and every reference resolves; the host's reader guarantees it.
/// </summary>
public sealed record OnCallConfig
{
    /// <summary>Wait of a step that names none, and of pages of one person.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(5);

    public IReadOnlyList<OnCallTeam> Teams { get; init; } = [];

    public IReadOnlyList<EscalationPolicy> EscalationPolicies { get; init; } = [];

    public IReadOnlyList<RoutingRule> Routes { get; init; } = [];

    /// <summary>Where an exhausted page of one person (or a policy without its own) is reported.</summary>
    public ChannelId? FallbackChannel { get; init; }

    /// <summary>Night time in each person's own zone, for the paging load.</summary>
    public TimeOnly NightStart { get; init; } = new(22, 0);

    public TimeOnly NightEnd { get; init; } = new(7, 0);

    public IEnumerable<Rotation> Rotations => Teams.SelectMany(t => t.Rotations);

    public OnCallTeam? FindTeam(string id) => Teams.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    public Rotation? FindRotation(string id) => Rotations.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    public EscalationPolicy? FindEscalationPolicy(string id) => EscalationPolicies.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>A team, or the team of a rotation named instead.</summary>
    public OnCallTeam? FindTeamOrRotationTeam(string id) =>
        FindTeam(id) ?? (FindRotation(id) is { } rotation ? FindTeam(rotation.TeamId) : null);

    /// <summary>Every person the file names, for checking that each has a chat account.</summary>
    public IEnumerable<SchedulePerson> People() =>
        Teams.SelectMany(t => t.Members.Concat(t.Rotations.SelectMany(r => r.People())))
            .Concat(EscalationPolicies.SelectMany(p => p.Steps).Where(s => s.Target.Kind == StepTargetKind.Person).Select(s => SchedulePerson.ByEmail(s.Target.Id)))
            .Distinct();

    /// <summary>What <c>page &lt;team&gt;</c> pages: the team's policy, else its first rotation's on-call, else all its members.</summary>
    public EscalationPolicy EscalationPolicyForTeam(OnCallTeam team)
    {
        if (team.EscalationPolicyId is { } id && FindEscalationPolicy(id) is { } policy)
            return policy;
        var target = team.Rotations.Count > 0 ? StepTarget.OnCall(team.Rotations[0].Id) : StepTarget.Team(team.Id);
        return new EscalationPolicy("team-" + team.Id, team.Name, [new EscalationStep(target, DefaultWait)], 1, FallbackChannel);
    }

    /// <summary>Whether a wall-clock time is at night (22:00–07:00 runs past midnight).</summary>
    public bool IsNight(TimeOnly time) =>
        NightStart <= NightEnd ? time >= NightStart && time < NightEnd : time >= NightStart || time < NightEnd;
}
