using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Trends;

/// <summary>One row of <c>GET /api/trends</c>.</summary>
public sealed record TrendRowView(
    string Key,
    int Incidents,
    int Reports,
    TrendPercentilesView MttaSeconds,
    TrendPercentilesView MttmSeconds,
    TrendPercentilesView MttrSeconds,
    int ClocksMet,
    int ClocksBreached,
    double? BreachRate,
    int PagesSent,
    int PagesAcknowledged,
    int NightPages,
    int WeekendPages)
{
    public static TrendRowView Of(TrendRow row) => new(
        row.Key,
        row.Incidents,
        row.Reports,
        new(row.MttaSeconds.P50, row.MttaSeconds.P90),
        new(row.MttmSeconds.P50, row.MttmSeconds.P90),
        new(row.MttrSeconds.P50, row.MttrSeconds.P90),
        row.ClocksMet,
        row.ClocksBreached,
        row.BreachRate,
        row.PagesSent,
        row.PagesAcknowledged,
        row.NightPages,
        row.WeekendPages);
}
