using IncidentBot.Dialogs.Trends;
using ScottPlot;

namespace IncidentBot.Trends;

/// <summary>
/// Draws <see cref="TrendChart"/>s with ScottPlot (SkiaSharp underneath) as PNG. One font that
/// Debian ships (DejaVu Sans, <c>fonts-dejavu-core</c>) so the picture is the same on every machine;
/// a colour-blind-safe palette (Okabe–Ito) so series stay apart for everyone.
/// </summary>
internal sealed class ScottPlotChartRenderer : ITrendChartRenderer
{
    public const string FontName = "DejaVu Sans";

    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    public byte[] RenderPng(TrendChart chart, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var plot = new Plot();
        try
        {
            plot.Font.Set(FontName);
            plot.Title(chart.Title, size: 16);
            plot.YLabel(chart.ValueLabel, size: 13);
            if (chart.IsEmpty)
            {
                var note = plot.Add.Text("No data in this range", 0, 0);
                note.LabelFontSize = 16;
                note.LabelAlignment = Alignment.MiddleCenter;
                plot.Axes.SetLimits(-1, 1, -1, 1);
                plot.HideGrid();
                plot.Axes.Frameless();
                return plot.GetImageBytes(width, height, ImageFormat.Png);
            }

            var bars = new List<Bar>();
            var seriesCount = chart.Series.Count;
            var groupWidth = 0.8;
            var barWidth = chart.IsStacked ? groupWidth : groupWidth / seriesCount;
            for (var c = 0; c < chart.Categories.Count; c++)
            {
                var stackBase = 0.0;
                for (var s = 0; s < seriesCount; s++)
                {
                    var value = chart.Series[s].Values[c];
                    var position = chart.IsStacked ? c : c - groupWidth / 2 + barWidth * (s + 0.5);
                    bars.Add(new Bar
                    {
                        Position = position,
                        ValueBase = chart.IsStacked ? stackBase : 0,
                        Value = chart.IsStacked ? stackBase + value : value,
                        FillColor = Color.FromHex(Palette[s % Palette.Length]),
                        LineWidth = 0,
                        Size = barWidth * (chart.IsStacked ? 1 : 0.95),
                    });
                    stackBase += value;
                }
            }
            plot.Add.Bars(bars.ToArray());
            if (seriesCount > 1)
            {
                for (var s = 0; s < seriesCount; s++)
                    plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Series[s].Name, FillColor = Color.FromHex(Palette[s % Palette.Length]) });
                plot.ShowLegend(Alignment.UpperRight);
            }
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, chart.Categories.Count).Select(i => (double)i)], [.. chart.Categories]);
            plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
            if (chart.Categories.Count > 6)
                plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
            if (chart.IsCount)
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Margins(bottom: 0);
            return plot.GetImageBytes(width, height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }
}
