namespace IncidentBot.Dialogs.Trends;

/// <summary>How trend figures are split into rows (<c>by=</c>).</summary>
public enum TrendCut
{
    Source,
    Market,
    Language,
    Severity,
    /// <summary>The names of the incident's clocks, as the clock rules call them (<c>eu-tco-removal</c>); an incident counts under each.</summary>
    Regime,
    /// <summary>The UTC week of the declaration, keyed by its Monday (<c>2026-11-23</c>).</summary>
    Week,
    Lead,
}
