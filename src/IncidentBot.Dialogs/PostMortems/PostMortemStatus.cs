namespace IncidentBot.Dialogs.PostMortems;

public enum PostMortemStatus
{
    /// <summary>Owed: the owner is reminded until it is done.</summary>
    Due,
    /// <summary>Written; its link is recorded.</summary>
    Done,
    /// <summary>Not owed right now: the incident was reopened, or an owner was named before it was resolved.</summary>
    Waiting,
}
