using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// Does one kind of stored work. It must re-read what it acts on, check that the work is
/// still needed, act, and record what it did, so that running twice, late or on two
/// instances at once does no harm.
/// </summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken);
}
