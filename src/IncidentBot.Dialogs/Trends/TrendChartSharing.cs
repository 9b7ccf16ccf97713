using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// Draws a chart and shares it in a conversation as an image file (Slack's external upload; Teams
/// shows it in a card). A platform that takes no files gets the chart's description as text.
/// </summary>
public sealed class TrendChartSharing(ITrendChartRenderer renderer, ChatPlatforms platforms, ILogger<TrendChartSharing> logger)
{
    // Small enough to go inline in a Teams card (its activity limit is about 28 KB), large enough to read.
    public const int Width = 600;
    public const int Height = 300;

    /// <returns>The platform's id of the file or message.</returns>
    public async Task<string> ShareAsync(PlatformId platformName, WorkspaceId workspace, ChannelId channel, TrendChart chart, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var platform = platforms.Get(platformName);
        var png = renderer.RenderPng(chart, Width, Height);
        var file = new ChatFile(fileName, chart.Title, png) { AltText = chart.AltText };
        try
        {
            var id = await platform.UploadFileAsync(workspace, channel, file, cancellationToken);
            logger.ChartShared(workspace, platform.Name, png.Length);
            return id;
        }
        catch (NotSupportedException)
        {
            logger.ChartNotSupported(workspace, platform.Name);
            var posted = await platform.PostAsync(workspace, channel, ChatMessage.Plain(RichText.Text("📊 " + chart.AltText)), cancellationToken);
            return posted.MessageId;
        }
    }
}
