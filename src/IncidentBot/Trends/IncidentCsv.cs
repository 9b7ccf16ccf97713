using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Trends;

/// <summary>
/// Incidents as CSV, one row each, streamed as the store yields them (flushed every
/// <see cref="FlushEvery"/> rows, so memory stays flat). A restricted incident keeps its row with
/// the title withheld (<see cref="TrendRedaction"/>); nothing else people wrote is exported.
/// </summary>
internal static class IncidentCsv
{
    public const int FlushEvery = 1000;

    public static readonly string[] Columns =
    [
        "number", "title", "restricted", "severity", "status", "source", "markets", "languages", "declaredAt", "acknowledgedAt",
        "mitigatedAt", "resolvedAt", "closedAt", "lead", "reportCount", "clocksMet", "clocksBreached",
    ];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<IncidentExportRow> rows, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(body, CsvWriter.Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        var csv = new CsvWriter(text);
        await csv.HeaderAsync(Columns, cancellationToken);
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            // Restricted titles are already withheld by the row (IncidentExportRow.From, or the store's projection).
            csv.Raw(row.Number.ToString(CultureInfo.InvariantCulture));
            csv.Text(row.Title);
            csv.Raw(row.IsRestricted ? "true" : "false");
            csv.Raw(TrendKeys.Severity(row.Severity));
            csv.Raw(IncidentLifecycle.Name(row.Status));
            csv.Raw(row.Source.Name());
            csv.Raw(string.Join(';', row.Markets));
            csv.Raw(string.Join(';', row.Languages));
            csv.Raw(Time(row.DeclaredAt));
            csv.Raw(Time(row.AcknowledgedAt));
            csv.Raw(Time(row.MitigatedAt));
            csv.Raw(Time(row.ResolvedAt));
            csv.Raw(Time(row.ClosedAt));
            csv.Text(row.Lead);
            csv.Raw(row.ReportCount.ToString(CultureInfo.InvariantCulture));
            csv.Raw(row.ClocksMet.ToString(CultureInfo.InvariantCulture));
            csv.Raw(row.ClocksBreached.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(cancellationToken);
            if (++written % FlushEvery == 0)
                await text.FlushAsync(cancellationToken);
        }
        await text.FlushAsync(cancellationToken);
    }

    private static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
