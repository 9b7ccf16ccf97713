using IncidentBot.Dialogs.Trends;
using IncidentBot.Trends;

namespace IncidentBot.Tests.Trends;

/// <summary>The charts render on this machine (SkiaSharp's native asset, fontconfig and a font) as PNG.</summary>
public sealed class ScottPlotChartRendererTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly TrendChart Stacked = new()
    {
        Title = "Incidents per week by source",
        AltText = "Stacked bars",
        ValueLabel = "Incidents",
        Categories = ["2026-11-02", "2026-11-09"],
        Series = [new("regulator", [2, 1]), new("partner", [1, 0])],
        IsStacked = true,
    };

    [Fact]
    public void Draws_a_png_of_the_size_asked_for()
    {
        var png = new ScottPlotChartRenderer().RenderPng(Stacked, 600, 300);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal(600, ReadInt(png, 16));
        Assert.Equal(300, ReadInt(png, 20));
    }

    [Fact]
    public void A_chart_without_data_still_draws_and_says_so_in_its_picture()
    {
        var png = new ScottPlotChartRenderer().RenderPng(Stacked with { Categories = [], Series = [] }, 400, 200);

        Assert.Equal(PngSignature, png[..8]);
    }

    [Fact]
    public void The_largest_stats_chart_fits_inline_in_a_teams_card()
    {
        // stats shows at most 12 keys in one series; twelve markets is its largest picture.
        var many = Stacked with
        {
            Categories = ["IN", "NP", "BD", "PK", "LK", "AU", "DE", "FR", "GB", "US", "BR", "ID"],
            Series = [new TrendChartSeries("incidents", [.. Enumerable.Range(1, 12).Select(i => (double)(i * 7 % 23))])],
            IsStacked = false,
        };

        var png = new ScottPlotChartRenderer().RenderPng(many, TrendChartSharing.Width, TrendChartSharing.Height);

        Assert.True(Convert.ToBase64String(png).Length < IncidentBot.Teams.TeamsChatPlatform.MaxInlineImageChars, $"{png.Length} bytes");
    }

    private static int ReadInt(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}
