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
    private readonly Dictionary<int, List<ClockOutcome>> _clocks = [];
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Group _total = new();

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
        list.Add(new ClockOutcome(clock.Name, met, breached));
    }

    /// <summary>An incident the query selects (in range, matching the filter); each incident once.</summary>
    public void AddIncident(TrendIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var clocks = _clocks.GetValueOrDefault(incident.Number) ?? [];
        var pages = _pages.GetValueOrDefault(incident.Number);
        var acknowledged = TrendIncident.Earliest(incident.AcknowledgedAt, _leads.TryGetValue(incident.Number, out var lead) ? lead : null);
        var figures = new Figures(
            incident.ReportCount,
            incident.SecondsTo(acknowledged),
            incident.SecondsTo(incident.MitigatedAt),
            incident.SecondsTo(incident.ResolvedAt),
            pages);

        var keys = TrendKeys.Of(query.Cut, incident, [.. clocks.Select(c => c.Name)]);
        foreach (var key in keys)
        {
            if (!_groups.TryGetValue(key, out var group))
                _groups[key] = group = new Group();
            // A regime row counts only its own clocks; every other row counts all of the incident's.
            group.Add(figures, query.Cut == TrendCut.Regime ? clocks.Where(c => c.Name == key) : clocks);
        }
        _total.Add(figures, clocks);
    }

    public TrendReport Build() =>
        TrendReport.Create(query, _groups.Select(g => g.Value.ToRow(g.Key)), _total.ToRow(TrendReport.TotalKey));

    private readonly record struct PageCounts(int Sent, int Acknowledged, int Night, int Weekend);

    private readonly record struct ClockOutcome(string Name, bool Met, bool Breached);

    private readonly record struct Figures(int Reports, long? Acknowledge, long? Mitigate, long? Resolve, PageCounts Pages);

    private sealed class Group
    {
        private readonly List<long> _acknowledge = [];
        private readonly List<long> _mitigate = [];
        private readonly List<long> _resolve = [];
        private int _incidents;
        private int _reports;
        private int _met;
        private int _breached;
        private PageCounts _pages;

        public void Add(Figures figures, IEnumerable<ClockOutcome> clocks)
        {
            _incidents++;
            _reports += figures.Reports;
            if (figures.Acknowledge is { } a)
                _acknowledge.Add(a);
            if (figures.Mitigate is { } m)
                _mitigate.Add(m);
            if (figures.Resolve is { } r)
                _resolve.Add(r);
            foreach (var clock in clocks)
            {
                _met += clock.Met ? 1 : 0;
                _breached += clock.Breached ? 1 : 0;
            }
            _pages = new PageCounts(
                _pages.Sent + figures.Pages.Sent, _pages.Acknowledged + figures.Pages.Acknowledged,
                _pages.Night + figures.Pages.Night, _pages.Weekend + figures.Pages.Weekend);
        }

        public TrendRow ToRow(string key) => new()
        {
            Key = key,
            Incidents = _incidents,
            Reports = _reports,
            MttaSeconds = TrendPercentiles.Of(_acknowledge),
            MttmSeconds = TrendPercentiles.Of(_mitigate),
            MttrSeconds = TrendPercentiles.Of(_resolve),
            ClocksMet = _met,
            ClocksBreached = _breached,
            PagesSent = _pages.Sent,
            PagesAcknowledged = _pages.Acknowledged,
            NightPages = _pages.Night,
            WeekendPages = _pages.Weekend,
        };
    }
}
