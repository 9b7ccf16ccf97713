using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Dialogs.Rules;

/// <summary>
/// Everything the policy file (<c>Policies:ConfigPath</c>) decides: clocks, status-update
/// cadence, post-mortems, action-item reminders, working hours and holidays. Each part has a
/// built-in default, used when there is no file or the file leaves the part out.
/// </summary>
public sealed record IncidentRules
{
    public ClockRules Clocks { get; init; } = ClockRules.Default;

    public StatusUpdateRules StatusUpdates { get; init; } = StatusUpdateRules.Default;

    public PostMortemRules PostMortems { get; init; } = PostMortemRules.Default;

    public ActionItemRules ActionItems { get; init; } = ActionItemRules.Default;

    public BusinessCalendar Calendar { get; init; } = BusinessCalendar.Default;

    public DigestRules Digest { get; init; } = DigestRules.Default;

    public IntakeRules Intake { get; init; } = IntakeRules.Default;

    public static IncidentRules Default { get; } = new();
}
