using System.Globalization;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Trends;

/// <summary>The rows of a trend report as CSV, the total last.</summary>
internal static class TrendCsv
{
    public static async Task WriteAsync(Stream body, TrendReport report, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(body, CsvWriter.Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        var csv = new CsvWriter(text);
        await csv.HeaderAsync([report.Cut.Name(), "incidents", "reports", "mttaP50Seconds", "mttaP90Seconds", "mttmP50Seconds", "mttmP90Seconds",
            "mttrP50Seconds", "mttrP90Seconds", "clocksMet", "clocksBreached", "breachRate", "pagesSent", "pagesAcknowledged", "nightPages", "weekendPages"],
            cancellationToken);
        foreach (var row in report.Rows.Append(report.Total))
        {
            csv.Text(row.Key);
            foreach (var value in new long?[]
            {
                row.Incidents, row.Reports, row.MttaSeconds.P50, row.MttaSeconds.P90, row.MttmSeconds.P50, row.MttmSeconds.P90,
                row.MttrSeconds.P50, row.MttrSeconds.P90, row.ClocksMet, row.ClocksBreached,
            })
            {
                csv.Raw(value?.ToString(CultureInfo.InvariantCulture));
            }
            csv.Raw(row.BreachRate?.ToString("0.####", CultureInfo.InvariantCulture));
            foreach (var value in new[] { row.PagesSent, row.PagesAcknowledged, row.NightPages, row.WeekendPages })
                csv.Raw(value.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(cancellationToken);
        }
        await text.FlushAsync(cancellationToken);
    }
}
