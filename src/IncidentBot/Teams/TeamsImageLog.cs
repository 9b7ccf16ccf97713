namespace IncidentBot.Teams;

/// <summary>Log messages of images posted in Teams cards (trend charts).</summary>
internal static partial class TeamsImageLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Bytes}-byte image is too large to go inline in a Teams card for workspace {WorkspaceId}; posted its description instead")]
    public static partial void ImageTooLargeForCard(this ILogger logger, string workspaceId, int bytes);
}
