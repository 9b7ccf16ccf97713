using System.Diagnostics;

namespace IncidentBot.Dialogs.Telemetry;

/// <summary>
/// The bot's one <see cref="ActivitySource"/> (and the name of its one meter, see
/// <see cref="IncidentMetrics"/>), with the attribute names we put on spans and measurements.
/// Span names are VerbObject (<c>DeclareIncident</c>, <c>RunWork</c>, <c>EscalatePage</c>);
/// attributes carry ids and codes only, never titles, names, e-mail addresses or message text.
/// </summary>
public static class IncidentTelemetry
{
    public const string Name = "IncidentBot";

    public const string WorkspaceId = "incidentbot.workspace.id";
    public const string Platform = "incidentbot.platform";
    public const string IncidentNumber = "incidentbot.incident.number";
    public const string Severity = "incidentbot.incident.severity";
    public const string WorkItemId = "incidentbot.work.id";
    public const string WorkKind = "incidentbot.work.kind";
    public const string PageId = "incidentbot.page.id";
    public const string Outcome = "incidentbot.outcome";
    public const string ClockAlert = "incidentbot.clock.alert";

    /// <summary>Process-wide, as an <see cref="ActivitySource"/> is meant to be: listeners pick it by name.</summary>
    public static readonly ActivitySource Source = new(Name);
}
