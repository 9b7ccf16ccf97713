namespace IncidentBot.Dialogs.Incidents;

public static class IncidentSourceText
{
    public const string Choices = "regulator, partner, trending, user-report or internal";

    private static readonly Dictionary<string, IncidentSource> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["regulator"] = IncidentSource.Regulator,
        ["government"] = IncidentSource.Regulator,
        ["partner"] = IncidentSource.Partner,
        ["trending"] = IncidentSource.Trending,
        ["user-report"] = IncidentSource.UserReport,
        ["userreport"] = IncidentSource.UserReport,
        ["user_report"] = IncidentSource.UserReport,
        ["internal"] = IncidentSource.Internal,
    };

    public static bool TryParse(string? text, out IncidentSource source) =>
        Names.TryGetValue(text?.Trim() ?? "", out source);

    /// <summary>The name people type and see (<c>user-report</c>).</summary>
    public static string Name(this IncidentSource source) => source switch
    {
        IncidentSource.UserReport => "user-report",
        _ => source.ToString().ToLowerInvariant(),
    };
}
