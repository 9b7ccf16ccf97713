using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// What the policy file's <c>intake</c> section decides: how long a trend stays one incident,
/// how often its channel hears about new reports, when a rate of reports proposes a higher
/// severity, who counts as a trusted flagger, and the severity each source and regime opens with.
/// </summary>
public sealed record IntakeRules
{
    /// <summary>A report joins an open incident that shares a key with it seen within this time.</summary>
    public TimeSpan MergeWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>At most one digest per incident channel in this time.</summary>
    public TimeSpan DigestInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reports a minute at which the digest proposes a severity one step higher to the lead (never raises it by itself).</summary>
    public int RaiseProposalRate { get; init; } = 100;

    /// <summary>The severity a trusted flagger's report opens with, or raises an open incident to, at least.</summary>
    public Severity TrustedFlaggerFloor { get; init; } = Severity.Sev2;

    /// <summary>Sources whose every report counts as a trusted flagger's.</summary>
    public IReadOnlySet<IncidentSource> TrustedSources { get; init; } = new HashSet<IncidentSource>();

    /// <summary>Organisations (compared without case) whose reports count as a trusted flagger's.</summary>
    public IReadOnlySet<string> TrustedOrganisations { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The severity a report of each source opens an incident with when it suggests none.</summary>
    public IReadOnlyDictionary<IncidentSource, Severity> Severities { get; init; } = new Dictionary<IncidentSource, Severity>
    {
        [IncidentSource.Regulator] = Severity.Sev2,
        [IncidentSource.Partner] = Severity.Sev3,
        [IncidentSource.Trending] = Severity.Sev3,
        [IncidentSource.UserReport] = Severity.Sev4,
        [IncidentSource.Internal] = Severity.Sev3,
    };

    /// <summary>The severity an order under each regime (clock name) opens with.</summary>
    public IReadOnlyDictionary<string, Severity> RegimeSeverities { get; init; } = new Dictionary<string, Severity>(StringComparer.Ordinal)
    {
        ["eu-tco-removal"] = Severity.Sev1,
        ["in-ncii-complaint"] = Severity.Sev1,
        ["in-takedown-order"] = Severity.Sev2,
    };

    public static IntakeRules Default { get; } = new();

    /// <summary>How stale a pointer's last-seen time may get before a report refreshes it (one write per key per this, not per report).</summary>
    public TimeSpan PointerRefresh => MergeWindow / 24 > TimeSpan.FromMinutes(1) ? MergeWindow / 24 : TimeSpan.FromMinutes(1);

    public bool IsTrusted(IntakeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Reporter?.IsTrustedFlagger == true
            || TrustedSources.Contains(report.Source)
            || (report.Reporter?.Organisation is { Length: > 0 } organisation && TrustedOrganisations.Contains(organisation.Trim()));
    }

    /// <summary>
    /// The severity a report opens an incident with: a regulator's order by these rules (regime, then
    /// source), where a suggestion may only make it more severe; other reports as they suggest, else
    /// by source. A trusted flagger's report is at least <see cref="TrustedFlaggerFloor"/>.
    /// </summary>
    public Severity SeverityFor(IntakeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var byRules = report.Order?.Regime is { } regime && RegimeSeverities.TryGetValue(regime, out var regimeSeverity)
            ? regimeSeverity
            : Severities.GetValueOrDefault(report.Source, Severity.Sev3);
        var severity = report.Source == IncidentSource.Regulator
            ? Min(byRules, report.Severity ?? byRules)
            : report.Severity ?? byRules;
        return IsTrusted(report) ? Min(severity, TrustedFlaggerFloor) : severity;
    }

    /// <summary>The more severe of two (SEV1 is the most severe).</summary>
    public static Severity Min(Severity a, Severity b) => a <= b ? a : b;
}
