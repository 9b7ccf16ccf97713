using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Dashboard;

/// <summary>A chart of the trends page: its image's name (<c>/dashboard/charts/{name}.png</c>) and its figures for the table beside it.</summary>
public sealed record DashboardChart(string Name, TrendChart Chart);
