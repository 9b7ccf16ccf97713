using System.Text;
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
        var text = new StringBuilder($"*On call* · times in {zone.Id}\n");
        foreach (var team in teams)
        {
            text.Append('\n').Append('*').Append(ChatText.Escape(team.Name)).Append("*\n");
            if (team.Rotations.Count == 0)
                text.Append("• no rotation; `page ").Append(team.Id).Append("` pages its members\n");
            foreach (var rotation in team.Rotations)
            {
                var shifts = RotationSchedule.Shifts(rotation, active, now, 2);
                text.Append("• ").Append(ChatText.Escape(rotation.Name)).Append(": ");
                if (shifts.Count == 0 || shifts[0].From > now)
                {
                    text.Append("_nobody now_");
                    if (shifts.Count > 0)
                        text.Append(" · next ").Append(await ShiftAsync(shifts[0], from: true)).Append('\n');
                    else
                        text.Append('\n');
                    continue;
                }
                text.Append(await ShiftAsync(shifts[0], from: false));
                if (shifts.Count > 1)
                    text.Append(" · next ").Append(await ShiftAsync(shifts[1], from: shifts[1].From != shifts[0].Until));
                text.Append('\n');
            }
        }
        return CommandReply.Private(text.ToString().TrimEnd());

        async Task<string> ShiftAsync(OnCallShift shift, bool from)
        {
            var user = await resolver.ResolveAsync(context.Platform, context.Workspace, shift.Person, cancellationToken);
            var who = user is { } u ? u.Mention : $"{shift.Person.Email} ⚠️ _no {context.Platform} account with this e-mail_";
            var window = (from ? $"from {OnCallText.When(shift.From, zone)} " : "") + $"until {OnCallText.When(shift.Until, zone)}";
            return $"{who} {window}" + (shift.IsOverride ? " (override)" : "");
        }
    }
}
