using System.Globalization;
using System.Text;

namespace IncidentBot.Dialogs.Trends;

/// <summary>The charts of the dashboard, the <c>stats</c> command and the digest, built from trend figures.</summary>
public static class TrendCharts
{
    /// <summary>Stacked bars: incidents per week, one colour per source.</summary>
    public static TrendChart IncidentsPerWeekBySource(IReadOnlyList<TrendCrossCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var weeks = counts.Select(c => c.Key).Distinct().Order(StringComparer.Ordinal).ToList();
        var sources = counts.GroupBy(c => c.Series).OrderByDescending(g => g.Sum(c => c.Incidents)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var series = sources.Select(source => new TrendChartSeries(source,
            [.. weeks.Select(week => (double)counts.Where(c => c.Key == week && c.Series == source).Sum(c => c.Incidents))])).ToList();
        return new TrendChart
        {
            Title = "Incidents per week by source",
            ValueLabel = "Incidents",
            Categories = weeks,
            Series = series,
            IsStacked = true,
            AltText = weeks.Count == 0
                ? "Bar chart of incidents per week by source: no incidents in the range."
                : $"Stacked bar chart of incidents per week (weeks starting {weeks[0]} to {weeks[^1]}) by source; in all: "
                    + string.Join(", ", series.Select(s => $"{s.Name} {s.Values.Sum().ToString(CultureInfo.InvariantCulture)}")) + ".",
        };
    }

    /// <summary>Side by side: median time to acknowledge and to resolve (hours) per market.</summary>
    public static TrendChart MttaMttrByMarket(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows.Take(12).ToList();
        static double Hours(long? seconds) => seconds is { } s ? Math.Round(s / 3600.0, 2) : 0;
        return new TrendChart
        {
            Title = "Median time to acknowledge and to resolve by market",
            ValueLabel = "Hours",
            Categories = [.. rows.Select(r => r.Key)],
            Series =
            [
                new("MTTA p50", [.. rows.Select(r => Hours(r.MttaSeconds.P50))]),
                new("MTTR p50", [.. rows.Select(r => Hours(r.MttrSeconds.P50))]),
            ],
            IsCount = false,
            AltText = rows.Count == 0
                ? "Bar chart of median times by market: no incidents in the range."
                : "Bar chart of median hours to acknowledge and to resolve per market: "
                    + string.Join("; ", rows.Select(r => $"{r.Key} {Duration(r.MttaSeconds.P50)} to acknowledge, {Duration(r.MttrSeconds.P50)} to resolve")) + ".",
        };
    }

    /// <summary>Stacked: clocks met and breached per regime.</summary>
    public static TrendChart ClocksByRegime(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows.Where(r => r.Key != TrendReport.NoKey).ToList();
        return new TrendChart
        {
            Title = "Clocks met and breached by regime",
            ValueLabel = "Clocks",
            Categories = [.. rows.Select(r => r.Key)],
            Series =
            [
                new("met", [.. rows.Select(r => (double)r.ClocksMet)]),
                new("breached", [.. rows.Select(r => (double)r.ClocksBreached)]),
            ],
            IsStacked = true,
            AltText = rows.Count == 0
                ? "Bar chart of clocks by regime: no clocks in the range."
                : "Stacked bar chart of clocks met and breached per regime: "
                    + string.Join("; ", rows.Select(r => $"{r.Key} {r.ClocksMet} met, {r.ClocksBreached} breached")) + ".",
        };
    }

    /// <summary>Side by side per person: pages, of which at night, of which on a weekend (fairness of the load).</summary>
    public static TrendChart PageLoadPerPerson(IReadOnlyList<PageLoadRow> load, Func<string, string> name)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(name);
        var rows = load.Take(15).ToList();
        return new TrendChart
        {
            Title = "Page load per person",
            ValueLabel = "Pages",
            Categories = [.. rows.Select(r => name(r.User))],
            Series =
            [
                new("all pages", [.. rows.Select(r => (double)r.Sent)]),
                new("at night", [.. rows.Select(r => (double)r.Night)]),
                new("on a weekend", [.. rows.Select(r => (double)r.Weekend)]),
            ],
            AltText = rows.Count == 0
                ? "Bar chart of pages per person: nobody was paged in the range."
                : "Bar chart of pages per person, with those at night and on weekends: "
                    + string.Join("; ", rows.Select(r => $"{name(r.User)} {r.Sent} pages, {r.Night} at night, {r.Weekend} on a weekend")) + ".",
        };
    }

    /// <summary>Bars: incidents per key of the report's cut (the chart of <c>stats</c> and the digest).</summary>
    public static TrendChart IncidentsByKey(TrendReport report, string rangeText)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows.Take(12).ToList();
        var cut = report.Cut.Name();
        return new TrendChart
        {
            Title = $"Incidents by {cut}, {rangeText}",
            ValueLabel = "Incidents",
            Categories = [.. rows.Select(r => r.Key)],
            Series = [new("incidents", [.. rows.Select(r => (double)r.Incidents)])],
            AltText = rows.Count == 0
                ? $"Bar chart of incidents by {cut}, {rangeText}: none."
                : $"Bar chart of incidents by {cut}, {rangeText}: " + string.Join(", ", rows.Select(r => $"{r.Key} {r.Incidents}")) + ".",
        };
    }

    /// <summary>A duration as people read it: <c>45s</c>, <c>12m</c>, <c>3h 20m</c>, <c>2d 4h</c>; a dash when there is none.</summary>
    public static string Duration(long? seconds)
    {
        if (seconds is not { } s)
            return "–";
        var span = TimeSpan.FromSeconds(s);
        var text = new StringBuilder();
        if (span.TotalDays >= 1)
            text.Append(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours}h");
        else if (span.TotalHours >= 1)
            text.Append(CultureInfo.InvariantCulture, $"{span.Hours}h {span.Minutes}m");
        else if (span.TotalMinutes >= 1)
            text.Append(CultureInfo.InvariantCulture, $"{span.Minutes}m");
        else
            text.Append(CultureInfo.InvariantCulture, $"{span.Seconds}s");
        return text.ToString();
    }
}
