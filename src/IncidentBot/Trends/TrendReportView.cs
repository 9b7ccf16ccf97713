using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Trends;

/// <summary>The answer of <c>GET /api/trends</c>.</summary>
public sealed record TrendReportView(DateTimeOffset From, DateTimeOffset To, string By, IReadOnlyList<TrendRowView> Rows, TrendRowView Total)
{
    public static TrendReportView Of(TrendReport report) =>
        new(report.From, report.To, report.Cut.Name(), [.. report.Rows.Select(TrendRowView.Of)], TrendRowView.Of(report.Total));
}
