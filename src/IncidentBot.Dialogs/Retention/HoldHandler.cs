using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Retention;

/// <summary>
/// Places or releases a legal hold: an incident change like any other (version, timeline event,
/// ledger entry, one unit), allowed to the incident's lead and the on-call admins only, checked
/// before anything is written. The planner adds the hold sweep (and, on release of a finished
/// incident, its retention timer) to the same unit.
/// </summary>
public sealed class HoldHandler(IncidentLocator locator, IncidentChanges changes, OnCallAccess access, ILogger<HoldHandler> logger)
    : CommandHandler<HoldCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(HoldCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var located = await locator.LocateAsync(context, command.Target, cancellationToken);
        if (!located.IsSuccess)
            return located.Error;
        var incident = located.Value.Value;
        if (incident.Roles.Lead != context.Actor && !await access.IsAdminAsync(context.Platform, context.Workspace, context.Actor, cancellationToken))
        {
            logger.HoldRefused(context.Workspace, incident.Number, context.Actor.Value);
            return new UserError("forbidden", $"Only the lead of {incident.Key.Key} or an on-call admin can place or release a legal hold.");
        }
        var applied = await changes.ApplyAsync(context.Workspace, incident.Key,
            (current, at) => command.IsRelease
                ? IncidentLifecycle.ReleaseHold(current, context.Actor, at)
                : IncidentLifecycle.PlaceHold(current, context.Actor, command.Reason, at),
            cancellationToken, known: located.Value);
        if (!applied.IsSuccess)
            return applied.Error;
        logger.HoldChanged(context.Workspace, incident.Number, command.IsRelease ? "released" : "placed", context.Actor.Value);
        return CommandReply.Private(command.IsRelease
            ? RichText.Of($"⚖️ The legal hold on {incident.Key.Key} is released; its retention period applies again.")
            : RichText.Of($"⚖️ {incident.Key.Key} is on legal hold: nothing of it expires or is purged until {RichText.Code($"{context.CommandPrefix} {incident.Key.Key} hold release")}."));
    }
}
