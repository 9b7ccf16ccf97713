using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Dialogs.Policies;

/// <summary>
/// Everything the policy file (<c>Policies:ConfigPath</c>) decides: clocks, status-update
/// cadence, post-mortems, action-item reminders, working hours and holidays. Each part has a
/// built-in default, used when there is no file or the file leaves the part out.
/// </summary>
public sealed record IncidentPolicies
{
    public ClockPolicy Clocks { get; init; } = ClockPolicy.Default;

    public StatusUpdatePolicy StatusUpdates { get; init; } = StatusUpdatePolicy.Default;

    public PostMortemPolicy PostMortems { get; init; } = PostMortemPolicy.Default;

    public ActionItemPolicy ActionItems { get; init; } = ActionItemPolicy.Default;

    public BusinessCalendar Calendar { get; init; } = BusinessCalendar.Default;

    public DigestPolicy Digest { get; init; } = DigestPolicy.Default;

    public IntakePolicy Intake { get; init; } = IntakePolicy.Default;

    public static IncidentPolicies Default { get; } = new();
}
