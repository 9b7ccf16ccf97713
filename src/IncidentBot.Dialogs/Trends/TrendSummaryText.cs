using System.Globalization;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Trends;

/// <summary>The short text of <c>stats</c> and of the weekly digest (figures only: nothing people wrote).</summary>
public static class TrendSummaryText
{
    public const int MaxRows = 8;

    public static ChatMessage Render(string heading, TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var total = report.Total;
        var text = RichText.Of($"{RichText.Bold(heading)} ({report.From.UtcDateTime:d MMM} – {report.To.UtcDateTime:d MMM yyyy}, UTC)\n");
        if (total.Incidents == 0)
            return ChatMessage.Plain(text + RichText.Text("No incidents were declared in this range."));
        text += RichText.Of($"{Count(total.Incidents, "incident")} · {Count(total.Reports, "report")} · "
            + $"to acknowledge p50 {TrendCharts.Duration(total.MttaSeconds.P50)} (p90 {TrendCharts.Duration(total.MttaSeconds.P90)}) · "
            + $"to mitigate p50 {TrendCharts.Duration(total.MttmSeconds.P50)} · to resolve p50 {TrendCharts.Duration(total.MttrSeconds.P50)}\n"
            + $"Clocks: {total.ClocksMet} met, {total.ClocksBreached} breached{Rate(total.BreachRate)} · "
            + $"Pages: {total.PagesSent} sent, {total.PagesAcknowledged} acknowledged, {total.NightPages} at night, {total.WeekendPages} on weekends");
        foreach (var row in report.Rows.Take(MaxRows))
        {
            text += RichText.Of($"\n• {RichText.Bold(row.Key)}: {Count(row.Incidents, "incident")}, "
                + $"acknowledge p50 {TrendCharts.Duration(row.MttaSeconds.P50)}, resolve p50 {TrendCharts.Duration(row.MttrSeconds.P50)}");
            if (row.ClocksMet + row.ClocksBreached > 0)
                text += RichText.Of($", clocks {row.ClocksMet} met / {row.ClocksBreached} breached");
        }
        if (report.Rows.Count > MaxRows)
            text += RichText.Of($"\n…and {report.Rows.Count - MaxRows} more (the dashboard and {RichText.Code("GET /api/trends")} have them all).");
        return ChatMessage.Plain(text);
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");

    private static string Rate(double? rate) => rate is { } r ? string.Create(CultureInfo.InvariantCulture, $" ({r * 100:0.#} % breached)") : "";
}
