namespace IncidentBot.Dialogs.Trends;

/// <summary>Draws a chart as a PNG image (the host draws it on the server; chat and the dashboard show the same picture).</summary>
public interface ITrendChartRenderer
{
    byte[] RenderPng(TrendChart chart, int width, int height);
}
