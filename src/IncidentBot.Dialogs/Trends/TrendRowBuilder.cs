namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// One row's running figures, whichever store streams them: counts and sums, and the durations
/// its percentiles need (never documents).
/// </summary>
public sealed class TrendRowBuilder
{
    private readonly List<long> _acknowledge = [];
    private readonly List<long> _mitigate = [];
    private readonly List<long> _resolve = [];
    private int _incidents;
    private int _reports;
    private int _met;
    private int _breached;
    private int _sent;
    private int _acknowledged;
    private int _night;
    private int _weekend;

    public bool IsEmpty => _incidents == 0;

    /// <param name="clocks">The clocks this row counts for the incident (a regime row only its own).</param>
    public void Add(TrendFigures figures, IEnumerable<TrendClockOutcome> clocks)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        Add(figures);
        foreach (var clock in clocks)
            AddClock(clock.Met, clock.Breached);
    }

    /// <summary>An incident's figures; its clocks follow with <see cref="AddClock"/> (a store that reads them later).</summary>
    public void Add(TrendFigures figures)
    {
        _incidents++;
        _reports += figures.Reports;
        if (figures.AcknowledgeSeconds is { } a)
            _acknowledge.Add(a);
        if (figures.MitigateSeconds is { } m)
            _mitigate.Add(m);
        if (figures.ResolveSeconds is { } r)
            _resolve.Add(r);
        _sent += figures.PagesSent;
        _acknowledged += figures.PagesAcknowledged;
        _night += figures.NightPages;
        _weekend += figures.WeekendPages;
    }

    /// <summary>One clock this row counts for an incident already added.</summary>
    public void AddClock(bool met, bool breached)
    {
        _met += met ? 1 : 0;
        _breached += breached ? 1 : 0;
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
        PagesSent = _sent,
        PagesAcknowledged = _acknowledged,
        NightPages = _night,
        WeekendPages = _weekend,
    };
}
