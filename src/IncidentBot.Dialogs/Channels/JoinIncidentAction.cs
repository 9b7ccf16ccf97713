using IncidentBot.Dialogs.Buttons;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Channels;

/// <summary>"Join channel" on an announcement: records the person as a participant; the channel job invites them.</summary>
public sealed class JoinIncidentAction(IncidentStore store, IncidentChanges changes) : IActionHandler
{
    public string ActionId => IncidentMessages.JoinActionId;

    public async Task<ActionReply> HandleAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParse(press.Value, out var number))
            return ActionReply.Note(RichText.Text("That button does not name an incident."));
        var found = await store.FindAsync(press.Workspace, number, cancellationToken);
        if (found is null)
            return ActionReply.Note($"{number.Key} no longer exists.");
        if (found.Value.IsRestricted)
            return ActionReply.Note($"{number.Key} is restricted: ask its lead to add you.");
        var joined = await changes.ApplyAsync(press.Workspace, number,
            (incident, at) => IncidentLifecycle.Join(incident, press.User, press.User, at), cancellationToken);
        if (!joined.IsSuccess)
            return ActionReply.Note(joined.Error.Code == "no_change" ? RichText.Of($"You're already in {number.Key}.") : joined.Error.Message);
        var channel = joined.Value.Incident.Channel is { } c ? RichText.Of($" {RichText.Channel(c)}") : RichText.Empty;
        return ActionReply.Note($"Adding you to {number.Key}{channel}.");
    }
}
