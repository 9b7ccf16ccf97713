using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>
/// The figures every <see cref="ITrendStore"/> must give for <see cref="TrendDataSet"/>, worked out
/// by hand. Durations are seconds from the first report (else the declaration); percentiles are
/// nearest-rank (p50 of four values is the second, p90 the fourth).
/// </summary>
public abstract class TrendStoreContract : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    protected FakeTimeProvider Clock { get; } = new(TrendDataSet.Now);

    protected CancellationToken Cancellation => _timeout.Token;

    /// <summary>The document store the data set is written to, and the trend store over the same data.</summary>
    protected abstract (IDocumentStore Documents, ITrendStore Trends) Open(TimeProvider clock);

    private async Task<(ITrendStore Trends, string Workspace)> SeededAsync()
    {
        var (documents, trends) = Open(Clock);
        var workspace = "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await TrendDataSet.SeedAsync(documents, workspace, Cancellation);
        return (trends, workspace);
    }

    private static TrendQuery Query(string workspace, TrendCut cut) => new(workspace, TrendDataSet.From, TrendDataSet.To, cut);

    [Fact]
    public async Task By_market_counts_an_incident_in_every_market_it_has_and_once_in_the_total()
    {
        var (trends, workspace) = await SeededAsync();

        var report = await trends.AggregateAsync(Query(workspace, TrendCut.Market), Cancellation);

        Assert.Equal(["IN", "NP", "none"], report.Rows.Select(r => r.Key));
        var india = report.Rows[0];
        Assert.Equal((3, 4), (india.Incidents, india.Reports));
        Assert.Equal(new TrendPercentiles(600, 5400), india.MttaSeconds);
        Assert.Equal(new TrendPercentiles(1800, 7200), india.MttmSeconds);
        Assert.Equal(new TrendPercentiles(7200, 7200), india.MttrSeconds);
        Assert.Equal((1, 2, 0.6667), (india.ClocksMet, india.ClocksBreached, india.BreachRate));
        Assert.Equal((3, 2, 1, 1), (india.PagesSent, india.PagesAcknowledged, india.NightPages, india.WeekendPages));

        var nepal = report.Rows[1];
        Assert.Equal((1, 3), (nepal.Incidents, nepal.Reports));
        Assert.Equal(new TrendPercentiles(5400, 5400), nepal.MttaSeconds);
        Assert.Equal(TrendPercentiles.Empty, nepal.MttrSeconds);
        Assert.Equal((0, 1, 1.0), (nepal.ClocksMet, nepal.ClocksBreached, nepal.BreachRate));
        Assert.Equal((1, 1, 0, 1), (nepal.PagesSent, nepal.PagesAcknowledged, nepal.NightPages, nepal.WeekendPages));

        var none = report.Rows[2];
        Assert.Equal(1, none.Incidents);
        Assert.Equal(new TrendPercentiles(600, 600), none.MttaSeconds);
        Assert.Equal(new TrendPercentiles(21600, 21600), none.MttrSeconds);
        Assert.Null(none.BreachRate);
        Assert.Equal((1, 0, 1, 0), (none.PagesSent, none.PagesAcknowledged, none.NightPages, none.WeekendPages));
    }

    [Fact]
    public async Task The_total_counts_each_incident_in_the_range_once()
    {
        var (trends, workspace) = await SeededAsync();

        var total = (await trends.AggregateAsync(Query(workspace, TrendCut.Market), Cancellation)).Total;

        Assert.Equal(TrendReport.TotalKey, total.Key);
        Assert.Equal((4, 4), (total.Incidents, total.Reports));
        Assert.Equal(new TrendPercentiles(600, 5400), total.MttaSeconds);
        Assert.Equal(new TrendPercentiles(7200, 10800), total.MttmSeconds);
        Assert.Equal(new TrendPercentiles(7200, 21600), total.MttrSeconds);
        Assert.Equal((1, 2), (total.ClocksMet, total.ClocksBreached));
        Assert.Equal((4, 2, 2, 1), (total.PagesSent, total.PagesAcknowledged, total.NightPages, total.WeekendPages));
    }

    [Fact]
    public async Task By_regime_counts_each_clock_under_its_own_policy_name()
    {
        var (trends, workspace) = await SeededAsync();

        var report = await trends.AggregateAsync(Query(workspace, TrendCut.Regime), Cancellation);

        var rows = report.Rows.ToDictionary(r => r.Key);
        Assert.Equal(["de-netzdg-other", "in-takedown-order", "none", "partner-response", "regulator-ack"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, 0), (rows["in-takedown-order"].ClocksMet, rows["in-takedown-order"].ClocksBreached));
        Assert.Equal((0, 1), (rows["regulator-ack"].ClocksMet, rows["regulator-ack"].ClocksBreached));
        Assert.Equal((0, 1), (rows["partner-response"].ClocksMet, rows["partner-response"].ClocksBreached));
        Assert.Equal((0, 0, 1), (rows["de-netzdg-other"].ClocksMet, rows["de-netzdg-other"].ClocksBreached, rows["de-netzdg-other"].Incidents));
        Assert.Equal(2, rows["regulator-ack"].PagesSent);
        Assert.Equal((1, 2), (report.Total.ClocksMet, report.Total.ClocksBreached));
    }

    [Fact]
    public async Task By_week_keys_rows_by_the_monday_of_the_declaration_in_time_order()
    {
        var (trends, workspace) = await SeededAsync();

        var report = await trends.AggregateAsync(Query(workspace, TrendCut.Week), Cancellation);

        Assert.Equal([("2026-11-02", 2), ("2026-11-09", 1), ("2026-11-16", 1)], report.Rows.Select(r => (r.Key, r.Incidents)));
    }

    [Fact]
    public async Task By_lead_the_first_lead_assignment_counts_as_the_acknowledgement_when_earlier()
    {
        var (trends, workspace) = await SeededAsync();

        var report = await trends.AggregateAsync(Query(workspace, TrendCut.Lead), Cancellation);

        var rows = report.Rows.ToDictionary(r => r.Key);
        Assert.Equal(new TrendPercentiles(120, 120), rows["U1"].MttaSeconds); // lead at 10:02, page acknowledged at 10:05
        Assert.Equal(new TrendPercentiles(600, 600), rows["U3"].MttaSeconds); // comms at 00:05 is no lead; lead at 00:10
        Assert.Equal(2, rows["none"].Incidents);
    }

    [Fact]
    public async Task By_source_and_severity_use_the_names_people_type()
    {
        var (trends, workspace) = await SeededAsync();

        var sources = await trends.AggregateAsync(Query(workspace, TrendCut.Source), Cancellation);
        var severities = await trends.AggregateAsync(Query(workspace, TrendCut.Severity), Cancellation);

        Assert.Equal([("regulator", 2), ("internal", 1), ("partner", 1)], sources.Rows.Select(r => (r.Key, r.Incidents)));
        Assert.Equal([("sev1", 2), ("sev2", 1), ("sev3", 1)], severities.Rows.Select(r => (r.Key, r.Incidents)));
    }

    [Fact]
    public async Task By_language_counts_each_language_of_an_incident()
    {
        var (trends, workspace) = await SeededAsync();

        var report = await trends.AggregateAsync(Query(workspace, TrendCut.Language), Cancellation);

        Assert.Equal([("hi", 2), ("bho", 1), ("en", 1), ("ne", 1)], report.Rows.Select(r => (r.Key, r.Incidents)));
    }

    [Fact]
    public async Task A_filter_narrows_the_incidents_before_the_cut()
    {
        var (trends, workspace) = await SeededAsync();

        var report = await trends.AggregateAsync(
            Query(workspace, TrendCut.Market) with { Filter = new TrendFilter { Source = IncidentSource.Regulator, Language = "hi" } }, Cancellation);

        Assert.Equal([("IN", 2)], report.Rows.Select(r => (r.Key, r.Incidents)));
        Assert.Equal(new TrendPercentiles(120, 600), report.Total.MttaSeconds);
        Assert.Equal((1, 1), (report.Total.ClocksMet, report.Total.ClocksBreached));
    }

    [Fact]
    public async Task An_empty_range_has_no_rows_and_a_zero_total()
    {
        var (trends, workspace) = await SeededAsync();

        var report = await trends.AggregateAsync(
            new TrendQuery(workspace, TrendDataSet.At(1, 0, 0, month: 6), TrendDataSet.At(1, 0, 0, month: 7), TrendCut.Source), Cancellation);

        Assert.Empty(report.Rows);
        Assert.Equal(0, report.Total.Incidents);
        Assert.Equal(TrendPercentiles.Empty, report.Total.MttaSeconds);
    }

    [Fact]
    public async Task Cross_counts_give_incidents_per_week_by_source()
    {
        var (trends, workspace) = await SeededAsync();

        var counts = await trends.CrossCountAsync(Query(workspace, TrendCut.Week), TrendCut.Source, Cancellation);

        Assert.Equal(
            [("2026-11-02", "partner", 1), ("2026-11-02", "regulator", 1), ("2026-11-09", "internal", 1), ("2026-11-16", "regulator", 1)],
            counts.Select(c => (c.Key, c.Series, c.Incidents)).Order());
    }

    [Fact]
    public async Task Page_load_per_person_counts_sent_acknowledged_night_and_weekend_pages()
    {
        var (trends, workspace) = await SeededAsync();

        var load = await trends.PageLoadAsync(Query(workspace, TrendCut.Source), Cancellation);

        Assert.Equal(
            [new PageLoadRow("U2", 2, 1, 1, 1), new PageLoadRow("U1", 1, 1, 0, 0), new PageLoadRow("U3", 1, 0, 1, 0)],
            load);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _timeout.Dispose();
    }
}
