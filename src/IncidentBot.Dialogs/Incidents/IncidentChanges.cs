using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>Applies a change to a stored incident and asks for chat to follow.</summary>
public sealed class IncidentChanges(IncidentStore store, WorkQueue work, TimeProvider clock, IEnumerable<IIncidentChangeObserver> observers)
{
    /// <param name="known">The incident as the caller just read it, tried first instead of reading it again.</param>
    public async Task<Result<Transition>> ApplyAsync(
        WorkspaceId workspace,
        IncidentNumber number,
        Func<Incident, DateTimeOffset, Result<Transition>> change,
        CancellationToken cancellationToken,
        Versioned<Incident>? known = null)
    {
        var now = clock.GetUtcNow();
        var result = await store.UpdateAsync(workspace.Value, number, incident => change(incident, now), cancellationToken, known);
        if (result.IsSuccess)
        {
            await work.RequestAsync(workspace, IncidentChannelSync.WorkKind, result.Value.Incident.Id, null, cancellationToken);
            foreach (var observer in observers)
                await observer.OnChangedAsync(result.Value, cancellationToken);
        }
        return result;
    }
}
