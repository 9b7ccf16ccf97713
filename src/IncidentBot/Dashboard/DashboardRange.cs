namespace IncidentBot.Dashboard;

/// <summary>The ranges the dashboard's picker offers: the last 7, 30, 90 or 365 days.</summary>
internal static class DashboardRange
{
    public static readonly int[] Days = [7, 30, 90, 365];

    public const int DefaultDays = 30;

    public static int Parse(int? days) => days is { } d && Days.Contains(d) ? d : DefaultDays;
}
