namespace IncidentBot.Dialogs.Paging;

public enum PageStatus
{
    /// <summary>Sent (or being sent); escalates at its due time unless acknowledged.</summary>
    Pending,
    Acknowledged,
    /// <summary>Nobody answered in time; the next page of the policy took over.</summary>
    Escalated,
    /// <summary>The last step of the last repeat went unanswered; the fallback channel was told.</summary>
    Exhausted,
    /// <summary>The incident was resolved or cancelled before anyone answered.</summary>
    Cancelled,
}
