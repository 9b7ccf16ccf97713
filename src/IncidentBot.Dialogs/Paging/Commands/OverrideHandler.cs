using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary>
/// Stores an override, read in the typist's time zone, and moves the rotation's handoff timer.
/// Only members of the rotation's team and the on-call admins may: an override decides who is
/// paged, and so who is invited into restricted incidents.
/// </summary>
public sealed class OverrideHandler(
    IOnCallConfigSource config, OverrideStore overrides, UserDirectory users, OnCallAccess access, WorkQueue work, TimeProvider clock,
    ILogger<OverrideHandler> logger)
    : CommandHandler<OverrideCommand>
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(31);

    protected override async Task<Result<CommandReply>> HandleAsync(OverrideCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (config.Current is not { } current)
            return OnCallText.NotConfigured;
        var rotation = current.FindRotation(command.Team) ?? (current.FindTeam(command.Team) is { Rotations.Count: > 0 } owner ? owner.Rotations[0] : null);
        if (rotation is null)
        {
            return current.FindTeam(command.Team) is { } team
                ? new UserError("no_rotation", $"{team.Name} has no rotation to override.", OverrideSyntax.UsageLine)
                : OnCallText.UnknownTeam(current, command.Team, OverrideSyntax.UsageLine);
        }
        var rotationTeam = current.FindTeam(rotation.TeamId);
        if (!await access.MayChangeRotationAsync(context.Platform, context.Workspace, context.Actor, rotationTeam, rotation, cancellationToken))
        {
            logger.OverrideRefused(context.Workspace, rotation.Id, context.Actor.Value);
            return new UserError("forbidden",
                $"Only members of {rotationTeam?.Name ?? rotation.Name} or the incident managers' admins can change who is on call for {RichText.Bold(rotation.Name)}. Ask one of them.",
                OverrideSyntax.UsageLine);
        }
        var zone = context.TimeZone is { } id && ZonedTime.TryFind(id, out var given)
            ? given
            : await users.TimeZoneOfAsync(context.Platform, context.Workspace, context.Actor, TimeZoneInfo.Utc, cancellationToken);
        var now = clock.GetUtcNow();
        var from = command.From.Local is { } localFrom ? ZonedTime.ToInstant(localFrom, zone) : now;
        var until = command.To.After is { } length ? from + length : ZonedTime.ToInstant(command.To.Local!.Value, zone);
        if (until <= from)
            return new UserError("bad_override", $"The override ends ({OnCallText.When(until, zone)}) before it starts ({OnCallText.When(from, zone)}).", OverrideSyntax.UsageLine);
        if (until <= now)
            return new UserError("bad_override", $"That override would already be over ({OnCallText.When(until, zone)}, times in {zone.Id}).", OverrideSyntax.UsageLine);
        if (until - from > MaxLength)
            return new UserError("bad_override", $"Keep an override under {MaxLength.TotalDays:0} days; change the rotation in the on-call file for longer.", OverrideSyntax.UsageLine);

        await overrides.SaveAsync(new OnCallOverride
        {
            WorkspaceId = context.Workspace.Value,
            RotationId = rotation.Id,
            User = command.User,
            From = from,
            Until = until,
            CreatedBy = context.Actor,
            CreatedAt = now,
        }, cancellationToken);
        // The next handoff may be sooner now.
        await work.RequestAsync(context.Workspace, PagingWork.Handoff, rotation.Id, null, cancellationToken);
        return CommandReply.Private($"✅ {RichText.Mention(command.User)} is on call for {RichText.Bold(rotation.Name)} from {OnCallText.When(from, zone)} until {OnCallText.When(until, zone)} ({zone.Id}).");
    }
}
