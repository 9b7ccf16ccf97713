using System.Globalization;
using System.Text;
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
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{ChatText.Escape(heading)}* ({report.From.UtcDateTime:d MMM} – {report.To.UtcDateTime:d MMM yyyy}, UTC)\n");
        if (total.Incidents == 0)
            return ChatMessage.Plain(text.Append("No incidents were declared in this range.").ToString());
        text.Append(CultureInfo.InvariantCulture, $"{Count(total.Incidents, "incident")} · {Count(total.Reports, "report")} · ")
            .Append(CultureInfo.InvariantCulture, $"to acknowledge p50 {TrendCharts.Duration(total.MttaSeconds.P50)} (p90 {TrendCharts.Duration(total.MttaSeconds.P90)}) · ")
            .Append(CultureInfo.InvariantCulture, $"to mitigate p50 {TrendCharts.Duration(total.MttmSeconds.P50)} · to resolve p50 {TrendCharts.Duration(total.MttrSeconds.P50)}\n")
            .Append(CultureInfo.InvariantCulture, $"Clocks: {total.ClocksMet} met, {total.ClocksBreached} breached{Rate(total.BreachRate)} · ")
            .Append(CultureInfo.InvariantCulture, $"Pages: {total.PagesSent} sent, {total.PagesAcknowledged} acknowledged, {total.NightPages} at night, {total.WeekendPages} on weekends");
        foreach (var row in report.Rows.Take(MaxRows))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n• *{ChatText.Escape(row.Key)}*: {Count(row.Incidents, "incident")}, ")
                .Append(CultureInfo.InvariantCulture, $"acknowledge p50 {TrendCharts.Duration(row.MttaSeconds.P50)}, resolve p50 {TrendCharts.Duration(row.MttrSeconds.P50)}");
            if (row.ClocksMet + row.ClocksBreached > 0)
                text.Append(CultureInfo.InvariantCulture, $", clocks {row.ClocksMet} met / {row.ClocksBreached} breached");
        }
        if (report.Rows.Count > MaxRows)
            text.Append(CultureInfo.InvariantCulture, $"\n…and {report.Rows.Count - MaxRows} more (the dashboard and `GET /api/trends` have them all).");
        return ChatMessage.Plain(text.ToString());
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");

    private static string Rate(double? rate) => rate is { } r ? string.Create(CultureInfo.InvariantCulture, $" ({r * 100:0.#} % breached)") : "";
}
