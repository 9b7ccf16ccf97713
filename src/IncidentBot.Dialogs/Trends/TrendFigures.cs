namespace IncidentBot.Dialogs.Trends;

/// <summary>What one incident adds to a trend row: its reports, its durations in seconds (null when it has none yet) and its pages.</summary>
public readonly record struct TrendFigures(
    int Reports, long? AcknowledgeSeconds, long? MitigateSeconds, long? ResolveSeconds,
    int PagesSent, int PagesAcknowledged, int NightPages, int WeekendPages);
