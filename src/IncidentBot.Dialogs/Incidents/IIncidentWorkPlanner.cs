using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Says what work a declaration or change asks for (clocks that start on declare, reminders that
/// follow severity and status, paging). The work items go into the same unit as the change, so a
/// stored change always has its follow-up work; the work itself runs in a job.
/// </summary>
public interface IIncidentWorkPlanner
{
    IEnumerable<WorkRequest> Plan(Transition transition);
}
