using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// Every <c>clock</c> command. Changes are answered in the incident's channel for everyone to
/// see; typed anywhere else, the answer is private (a restricted incident stays in its channel).
/// </summary>
public sealed class ClockHandler(
    IncidentLocator locator,
    ClockKeeper keeper,
    ClockStore clocks,
    UserDirectory users,
    IncidentRules rules,
    TimeProvider clock) : CommandHandler<ClockCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(ClockCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var located = await locator.LocateAsync(context, command.Target, cancellationToken);
        if (!located.IsSuccess)
            return located.Error;
        var incident = located.Value.Value;
        return command switch
        {
            ListClocksCommand => await ListAsync(incident, context, cancellationToken),
            StartClockCommand start => await StartAsync(incident, start, context, cancellationToken),
            MeetClockCommand meet => Reply(incident, context, await keeper.ChangeAsync(incident, meet.Name,
                (c, at) => ClockLifecycle.Meet(c, context.Actor, at), TimelineKind.ClockMet, context.Actor, cancellationToken),
                c => RichText.Of($"✅ Clock {ClockMessages.Label(c)} met {RichText.LocalTime(c.MetAt!.Value)}, {ClockMessages.Outcome(c)}, by {RichText.Mention(context.Actor)}.")),
            PauseClockCommand pause => Reply(incident, context, await keeper.ChangeAsync(incident, pause.Name,
                (c, at) => ClockLifecycle.Pause(c, context.Actor, pause.Reason, at), TimelineKind.ClockPaused, context.Actor, cancellationToken),
                c => RichText.Of($"⏸️ Clock {ClockMessages.Label(c)} paused by {RichText.Mention(context.Actor)} with {RichText.Bold($"{ChatText.Duration(c.Remaining(clock.GetUtcNow()))} left")}"
                    + $"{(pause.Reason is { } reason ? RichText.Of($": {RichText.WithMentions(reason)}") : RichText.Text("."))}"
                    + $" Resume it with {RichText.Code($"clock resume {c.Name}")}.")),
            ResumeClockCommand resume => Reply(incident, context, await keeper.ChangeAsync(incident, resume.Name,
                (c, at) => ClockLifecycle.Resume(c, context.Actor, at), TimelineKind.ClockResumed, context.Actor, cancellationToken),
                c => RichText.Of($"▶️ Clock {ClockMessages.Label(c)} resumed by {RichText.Mention(context.Actor)} after {ChatText.Duration(c.Pauses[^1].Length(c.Pauses[^1].ResumedAt!.Value))}: "
                    + $"{RichText.Bold($"{ChatText.Duration(c.Remaining(clock.GetUtcNow()))} left")}, due {RichText.LocalTime(c.DeadlineAt!.Value)}.")),
            _ => throw new InvalidOperationException($"No clock command {command.GetType().Name}."),
        };
    }

    private async Task<Result<CommandReply>> ListAsync(Incident incident, CommandContext context, CancellationToken cancellationToken)
    {
        var found = await clocks.ListAsync(incident.Workspace(), incident.Key, cancellationToken);
        if (found.Count == 0)
        {
            var known = RichText.Join(RichText.Text(", "), rules.Clocks.Definitions.Values.Select(d => RichText.Of($"{RichText.Code(d.Name)} ({DurationText.Format(d.Window)})")));
            return CommandReply.Private($"{incident.Key.Key} has no clocks. Start one with {RichText.Code($"{context.CommandPrefix} {ClockUsage.Start}")}."
                + $"{(known.IsEmpty ? RichText.Empty : RichText.Of($" Known clocks: {known}."))}");
        }
        var now = clock.GetUtcNow();
        var lines = found.Select(c => RichText.Of($"• {ClockMessages.Line(c.Value, now, showRemaining: true)}"));
        return CommandReply.Private($"{RichText.Bold($"Clocks of {incident.Key.Key}")}\n{RichText.Join(RichText.LineBreak, lines)}");
    }

    private async Task<Result<CommandReply>> StartAsync(Incident incident, StartClockCommand start, CommandContext context, CancellationToken cancellationToken)
    {
        if (incident.Status is IncidentStatus.Closed or IncidentStatus.Cancelled)
            return UserError.NotAllowed("start a clock on", IncidentLifecycle.Name(incident.Status));
        var zone = await ZoneOfAsync(context, cancellationToken);
        var now = clock.GetUtcNow();
        DateTimeOffset? from = start.From?.ResolvePast(now, zone);
        if (from is { } at && at > now + ClockLifecycle.FutureTolerance)
        {
            return new UserError("bad_time",
                $"{RichText.Code($"--from {start.From!.Text}")} is {TimeText.Describe(at, zone)}, which is in the future; give the time the order was received.", ClockUsage.Start);
        }
        var started = await keeper.StartAsync(incident, start.Name, start.Window, from, context.Actor, isAutomatic: false, cancellationToken);
        if (!started.IsSuccess)
            return started.Error.Usage is null ? started.Error with { Usage = ClockUsage.Start } : started.Error;
        var text = ClockMessages.StartedReply(started.Value.Clock, incident, started.Value.IsRestart, clock.GetUtcNow(), zone)
            + RichText.Of($" (by {RichText.Mention(context.Actor)})");
        return Visible(incident, context, text);
    }

    private async Task<TimeZoneInfo> ZoneOfAsync(CommandContext context, CancellationToken cancellationToken) =>
        ZonedTime.TryFind(context.TimeZone, out var zone)
            ? zone
            : await users.TimeZoneOfAsync(context.Platform, context.Workspace, context.Actor, rules.Calendar.DefaultZone, cancellationToken);

    private static Result<CommandReply> Reply(Incident incident, CommandContext context, Result<ClockChange> change, Func<Clock, RichText> text) =>
        change.IsSuccess ? Visible(incident, context, text(change.Value.Clock)) : change.Error;

    /// <summary>In the incident's channel everyone sees it; elsewhere only the person who typed it.</summary>
    private static CommandReply Visible(Incident incident, CommandContext context, RichText text) =>
        context.Channel is { } channel && channel == incident.Channel
            ? CommandReply.Public(ChatMessage.Plain(text))
            : CommandReply.Private($"{RichText.Bold(incident.Key.Key)}: {text}");
}
