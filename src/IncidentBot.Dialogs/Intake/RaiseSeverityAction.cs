using IncidentBot.Dialogs.Buttons;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// The digest's "Raise to SEVn" button: the lead (anyone, while nobody leads) raises the incident
/// one step, as if they had typed the severity command. It only ever raises: pressed after someone
/// already raised it further, it changes nothing.
/// </summary>
public sealed class RaiseSeverityAction(IncidentStore incidents, IncidentChanges changes, ILogger<RaiseSeverityAction> logger) : IActionHandler
{
    public string ActionId => IntakeMessages.RaiseSeverityActionId;

    public async Task<ActionReply> HandleAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(press);
        if (!IntakeMessages.TryParseRaiseValue(press.Value, out var number, out var target))
            return ActionReply.Note(RichText.Text("That button no longer does anything; the message may be out of date."));
        var found = await incidents.FindAsync(press.Workspace, number, cancellationToken);
        if (found is null)
            return ActionReply.Note($"{number.Key} does not exist.");
        if (found.Value.Roles.Lead is { } lead && lead != press.User)
            return ActionReply.Note($"Only the lead of {number.Key}, {RichText.Mention(lead)}, can raise it from here; anyone in the channel can with {RichText.Code($"{number.Key} sev {target.Label().ToLowerInvariant()}")}.");
        if (found.Value.Severity <= target)
            return ActionReply.Note($"{number.Key} is already {found.Value.Severity.Label()}.");
        var changed = await changes.ApplyAsync(press.Workspace, number,
            (incident, at) => incident.Severity <= target
                ? new UserError("no_change", $"{number.Key} is already {incident.Severity.Label()}.")
                : IncidentLifecycle.ChangeSeverity(incident, target, press.User, at),
            cancellationToken, found);
        if (!changed.IsSuccess)
            return ActionReply.Note(changed.Error.Message);
        logger.RaisedFromProposal(number.Value, press.Workspace, target, press.User.Value);
        return ActionReply.Note($"Raised {number.Key} to {target.Label()}.");
    }
}
