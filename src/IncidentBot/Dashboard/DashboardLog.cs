namespace IncidentBot.Dashboard;

internal static partial class DashboardLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard sign-in refused: the key is not one of Api:Keys")]
    public static partial void DashboardSignInRefused(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard sign-in with API key {KeyIndex}")]
    public static partial void DashboardSignedIn(this ILogger logger, int keyIndex);
}
