namespace IncidentBot.Dialogs.Paging;

/// <summary>The kinds of stored work paging uses; each is a timer or a side effect on a stored document.</summary>
public static class PagingWork
{
    /// <summary>Target: an incident document id. Pages the policies its routing rules match, once each.</summary>
    public const string Route = "page-route";

    /// <summary>Target: a page id. Looks up the step's people, sends their direct messages, updates them as the page changes.</summary>
    public const string Deliver = "page-deliver";

    /// <summary>Target: a page id. Due at the page's escalation time.</summary>
    public const string Escalate = "page-escalate";

    /// <summary>Target: a rotation id. Due at the rotation's next handoff.</summary>
    public const string Handoff = "oncall-handoff";
}
