using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary>Who is on call now and next for each rotation, with handoffs in the asker's own time zone.</summary>
public sealed class OnCallHandler(
    IOnCallConfigSource config, OverrideStore overrides, StepTargetResolver resolver, UserDirectory users, TimeProvider clock)
    : CommandHandler<OnCallCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(OnCallCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (config.Current is not { } current)
            return OnCallText.NotConfigured;
        IReadOnlyList<OnCallTeam> teams = current.Teams;
        if (command.Team is { } name)
        {
            if (current.FindTeamOrRotationTeam(name) is not { } team)
                return OnCallText.UnknownTeam(current, name, OnCallSyntax.UsageLine);
            teams = [team];
        }
        var zone = context.TimeZone is { } id && ZonedTime.TryFind(id, out var given)
            ? given
            : await users.TimeZoneOfAsync(context.Platform, context.Workspace, context.Actor, TimeZoneInfo.Utc, cancellationToken);
        var now = clock.GetUtcNow();
        var active = await overrides.ListAsync(context.Workspace, null, now, cancellationToken);
        var lines = new List<RichText> { RichText.Of($"{RichText.Bold("On call")} · times in {zone.Id}") };
        foreach (var team in teams)
        {
            lines.Add(RichText.Of($"\n{RichText.Bold(team.Name)}"));
            if (team.Rotations.Count == 0)
                lines.Add(RichText.Of($"• no rotation; {RichText.Code($"page {team.Id}")} pages its members"));
            foreach (var rotation in team.Rotations)
            {
                var shifts = RotationSchedule.Shifts(rotation, active, now, 2);
                var line = RichText.Of($"• {rotation.Name}: ");
                if (shifts.Count == 0 || shifts[0].From > now)
                {
                    line += RichText.Italic("nobody now");
                    if (shifts.Count > 0)
                        line += RichText.Of($" · next {await ShiftAsync(shifts[0], from: true)}");
                    lines.Add(line);
                    continue;
                }
                line += await ShiftAsync(shifts[0], from: false);
                if (shifts.Count > 1)
                    line += RichText.Of($" · next {await ShiftAsync(shifts[1], from: shifts[1].From != shifts[0].Until)}");
                lines.Add(line);
            }
        }
        return CommandReply.Private(RichText.Join(RichText.LineBreak, lines));

        async Task<RichText> ShiftAsync(OnCallShift shift, bool from)
        {
            var user = await resolver.ResolveAsync(context.Platform, context.Workspace, shift.Person, cancellationToken);
            var who = user is { } u ? RichText.Mention(u) : RichText.Of($"{shift.Person.Email} ⚠️ {RichText.Italic($"no {context.Platform} account with this e-mail")}");
            var window = (from ? $"from {OnCallText.When(shift.From, zone)} " : "") + $"until {OnCallText.When(shift.Until, zone)}";
            return RichText.Of($"{who} {window}{(shift.IsOverride ? " (override)" : "")}");
        }
    }
}
