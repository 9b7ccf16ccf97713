using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

/// <summary>
/// Finds the incident a command is about: the one named, or the one whose channel the command
/// was typed in. A restricted incident is only reachable by its members or from its channel.
/// </summary>
public sealed class IncidentLocator(IncidentStore store)
{
    public async Task<Result<Versioned<Incident>>> LocateAsync(CommandContext context, IncidentNumber? target, CancellationToken cancellationToken)
    {
        Versioned<Incident>? found;
        if (target is { } number)
        {
            found = await store.FindAsync(context.Workspace, number, cancellationToken);
            if (found is null)
                return UserError.NotFound(number.Key);
        }
        else if (context.Channel is { } channel)
        {
            found = await store.FindByChannelAsync(context.Workspace, channel, cancellationToken);
            if (found is null)
                return NotInIncidentChannel();
        }
        else
        {
            return NotInIncidentChannel();
        }

        var incident = found.Value;
        if (!incident.IsVisibleTo(context.Actor) && context.Channel != incident.Channel)
            return new UserError("restricted", $"{incident.Key.Key} is restricted: only its members can see or change it, from its channel.");
        return found;
    }

    private static UserError NotInIncidentChannel() =>
        new("no_incident", $"This is not an incident channel. Run the command in the incident's channel, or name the incident first, e.g. {RichText.Code("INC-12 status mitigated")}.");
}
