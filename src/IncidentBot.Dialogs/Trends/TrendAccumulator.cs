using IncidentBot.Dialogs.Clocks;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// Builds a <see cref="TrendReport"/> from streamed facts, for a store that cannot group in its
/// query language (Cosmos DB here). Feed lead assignments, pages and clocks first, then each
/// incident once; only small per-incident counters and, per key, the durations the percentiles
/// need are held, never documents.
/// </summary>
public sealed class TrendAccumulator(TrendQuery query, DateTimeOffset now)
{
    private readonly Dictionary<int, DateTimeOffset> _leads = [];
    private readonly Dictionary<int, PageCounts> _pages = [];
    private readonly Dictionary<int, List<TrendClockOutcome>> _clocks = [];
    private readonly Dictionary<string, TrendRowBuilder> _groups = new(StringComparer.Ordinal);
    private readonly TrendRowBuilder _total = new();

    /// <summary>A lead was assigned (the first one counts as an acknowledgement).</summary>
    public void AddLeadAssignment(int incidentNumber, DateTimeOffset at)
    {
        if (!_leads.TryGetValue(incidentNumber, out var known) || at < known)
            _leads[incidentNumber] = at;
    }

    /// <summary>One page message sent to a person.</summary>
    public void AddPageSent(int incidentNumber, bool isAcknowledgedByTarget, bool isNight, bool isWeekend)
    {
        var counts = _pages.GetValueOrDefault(incidentNumber);
        _pages[incidentNumber] = new PageCounts(
            counts.Sent + 1,
            counts.Acknowledged + (isAcknowledgedByTarget ? 1 : 0),
            counts.Night + (isNight ? 1 : 0),
            counts.Weekend + (isWeekend ? 1 : 0));
    }

    public void AddClock(Clock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var (met, breached) = TrendClocks.Classify(clock, now);
        if (!_clocks.TryGetValue(clock.IncidentNumber, out var list))
            _clocks[clock.IncidentNumber] = list = [];
        list.Add(new TrendClockOutcome(clock.Name, met, breached));
    }

    /// <summary>An incident the query selects (in range, matching the filter); each incident once.</summary>
    public void AddIncident(TrendIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var clocks = _clocks.GetValueOrDefault(incident.Number) ?? [];
        var pages = _pages.GetValueOrDefault(incident.Number);
        var acknowledged = TrendIncident.Earliest(incident.AcknowledgedAt, _leads.TryGetValue(incident.Number, out var lead) ? lead : null);
        var figures = new TrendFigures(
            incident.ReportCount,
            incident.SecondsTo(acknowledged),
            incident.SecondsTo(incident.MitigatedAt),
            incident.SecondsTo(incident.ResolvedAt),
            pages.Sent, pages.Acknowledged, pages.Night, pages.Weekend);

        var keys = TrendKeys.Of(query.Cut, incident, [.. clocks.Select(c => c.Name)]);
        foreach (var key in keys)
        {
            if (!_groups.TryGetValue(key, out var group))
                _groups[key] = group = new TrendRowBuilder();
            // A regime row counts only its own clocks; every other row counts all of the incident's.
            group.Add(figures, query.Cut == TrendCut.Regime ? clocks.Where(c => c.Name == key) : clocks);
        }
        _total.Add(figures, clocks);
    }

    public TrendReport Build() =>
        TrendReport.Create(query, _groups.Select(g => g.Value.ToRow(g.Key)), _total.ToRow(TrendReport.TotalKey));

    private readonly record struct PageCounts(int Sent, int Acknowledged, int Night, int Weekend);
}
