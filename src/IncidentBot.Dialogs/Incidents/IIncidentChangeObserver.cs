namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Told of every stored declaration and change (after it is stored), so a feature can request
/// its own work: clocks that start on declare, reminders that follow severity and status. Keep
/// it to storing work items; the work itself runs in a job.
/// </summary>
public interface IIncidentChangeObserver
{
    Task OnChangedAsync(Transition transition, CancellationToken cancellationToken);
}
