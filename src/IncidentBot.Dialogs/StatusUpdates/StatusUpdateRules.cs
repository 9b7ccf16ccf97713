using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.StatusUpdates;

/// <summary>How often an open incident needs a status update, per severity; null means no reminders.</summary>
public sealed record StatusUpdateRules
{
    public IReadOnlyDictionary<Severity, TimeSpan?> Cadence { get; init; } = new Dictionary<Severity, TimeSpan?>
    {
        [Severity.Sev1] = TimeSpan.FromMinutes(30),
        [Severity.Sev2] = TimeSpan.FromMinutes(60),
        [Severity.Sev3] = TimeSpan.FromHours(4),
        [Severity.Sev4] = null,
    };

    public TimeSpan? CadenceOf(Severity severity) => Cadence.GetValueOrDefault(severity);

    public static StatusUpdateRules Default { get; } = new();
}
