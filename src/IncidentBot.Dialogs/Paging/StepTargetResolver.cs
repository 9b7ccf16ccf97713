using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Turns a step into chat users: the rotation's on-call at the page's time (overrides
/// included), the named person, or the team's members; e-mails resolved through the
/// platform's directory. Who cannot be resolved is reported, not dropped silently.
/// </summary>
public sealed class StepTargetResolver(IOnCallConfigSource config, OverrideStore overrides, UserDirectory users)
{
    public async Task<(IReadOnlyList<UserId> Users, IReadOnlyList<string> Unreachable)> ResolveAsync(Page page, CancellationToken cancellationToken)
    {
        var workspace = page.Workspace();
        var target = EscalationPlan.StepAt(page.EscalationPolicy, page.Position).Target;
        var people = new List<SchedulePerson>();
        var unreachable = new List<string>();
        var current = config.Current;
        switch (target.Kind)
        {
            case StepTargetKind.OnCall when current?.FindRotation(target.Id) is { } rotation:
                var active = await overrides.ListAsync(page.Workspace(), rotation.Id, page.CreatedAt, cancellationToken);
                if (RotationSchedule.PersonAt(rotation, active, page.CreatedAt) is { } onCall)
                    people.Add(onCall);
                else
                    unreachable.Add($"nobody is on call for {rotation.Name} now");
                break;
            case StepTargetKind.OnCall:
                unreachable.Add($"the rotation `{target.Id}` is no longer in the on-call file");
                break;
            case StepTargetKind.Person:
                people.Add(target.Id.Contains('@', StringComparison.Ordinal) ? SchedulePerson.ByEmail(target.Id) : SchedulePerson.ByUser(new UserId(target.Id)));
                break;
            case StepTargetKind.Team when current?.FindTeam(target.Id) is { Members.Count: > 0 } team:
                people.AddRange(team.Members);
                break;
            case StepTargetKind.Team:
                unreachable.Add($"the team `{target.Id}` has no members in the on-call file");
                break;
        }

        var resolved = new List<UserId>();
        foreach (var person in people)
        {
            var user = await ResolveAsync(page.Platform, workspace, person, cancellationToken);
            if (user is null)
                unreachable.Add($"{person.Email} has no {page.Platform} account with that e-mail");
            else if (!resolved.Contains(user.Value))
                resolved.Add(user.Value);
        }
        return (resolved, unreachable);
    }

    public async Task<UserId?> ResolveAsync(PlatformId platform, WorkspaceId workspace, SchedulePerson person, CancellationToken cancellationToken) =>
        person.User ?? await users.FindByEmailAsync(platform, workspace, person.Email!, cancellationToken);
}
