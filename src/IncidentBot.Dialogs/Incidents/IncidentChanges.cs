using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>Applies a change to a stored incident, with the work that brings chat and timers in line, as one unit.</summary>
public sealed class IncidentChanges(IncidentStore store, IncidentFollowUps followUps, TimeProvider clock)
{
    /// <param name="known">The incident as the caller just read it, tried first instead of reading it again.</param>
    /// <param name="alongside">More writes for the same unit (a page answered, a document the change belongs with).</param>
    public Task<Result<Transition>> ApplyAsync(
        WorkspaceId workspace,
        IncidentNumber number,
        Func<Incident, DateTimeOffset, Result<Transition>> change,
        CancellationToken cancellationToken,
        Versioned<Incident>? known = null,
        Action<WriteAttempt, Transition>? alongside = null)
    {
        var now = clock.GetUtcNow();
        return store.UpdateAsync(workspace.Value, number, incident => change(incident, now), cancellationToken, known, (attempt, transition) =>
        {
            followUps.AddTo(attempt, transition);
            alongside?.Invoke(attempt, transition);
        });
    }
}
