using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Retention;

/// <summary>
/// The legal hold's hook in the write path, beside the ledger's: an expiring
/// document that belongs to an incident under hold is stored without expiry, whatever its own time
/// to live. The hold is read from the incident as this unit writes it, or as stored; documents
/// written before the hold was placed are rewritten by <see cref="HoldSweepWork"/>.
/// </summary>
internal static class HeldDocuments
{
    public static async Task KeepAsync(WriteAttempt attempt, CancellationToken cancellationToken)
    {
        Dictionary<int, bool>? held = null;
        foreach (var operation in attempt.Batch.Operations.ToArray())
        {
            if (operation.Document is not IExpiringDocument { IncidentNumber: { } number } || operation.Kind == DocumentOperationKind.Delete)
                continue;
            held ??= [];
            if (!held.TryGetValue(number, out var isHeld))
            {
                var id = new IncidentNumber(number).DocumentId;
                var incident = attempt.Batch.Find(id)?.Document as Incident
                    ?? (await attempt.ReadAsync<Incident>(id, cancellationToken))?.Value;
                held[number] = isHeld = incident?.Hold is not null;
            }
            if (isHeld)
                attempt.Batch.KeepForever(operation.Id);
        }
    }
}
