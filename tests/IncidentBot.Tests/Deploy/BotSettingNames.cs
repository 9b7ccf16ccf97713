using System.Text.Json;
using System.Text.RegularExpressions;

namespace IncidentBot.Tests.Deploy;

/// <summary>
/// The environment variables the deployment files may give the bot: every key of
/// src/IncidentBot/appsettings.json (every setting is there, secrets empty), in its
/// environment form, and the variables read by the framework and SDKs rather than by us.
/// A misspelt setting in an image, a compose file or a template would otherwise be ignored
/// without a word.
/// </summary>
internal static partial class BotSettingNames
{
    /// <summary>Read by ASP.NET Core, Azure.Identity and OpenTelemetry, not by our options.</summary>
    private static readonly HashSet<string> Platform = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_HTTP_PORTS",
        "ASPNETCORE_ENVIRONMENT",
        "AZURE_CLIENT_ID",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "DOTNET_USE_POLLING_FILE_WATCHER",
    };

    private static readonly Lazy<HashSet<string>> Keys = new(Load);

    /// <summary>Whether <paramref name="variable"/> (<c>Slack__BotToken</c>, <c>Api__Keys__0</c>, <c>URLS</c>) is a setting the bot reads.</summary>
    public static bool IsKnown(string variable)
    {
        if (Platform.Contains(variable))
            return true;
        var key = ArrayIndex().Replace(variable.Replace("__", ":", StringComparison.Ordinal), "");
        return Keys.Value.Contains(key);
    }

    private static HashSet<string> Load()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("src", "IncidentBot", "appsettings.json")));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(settings.RootElement, "", keys);
        return keys;
    }

    private static void Collect(JsonElement element, string path, HashSet<string> keys)
    {
        if (path.Length > 0)
            keys.Add(path);
        if (element.ValueKind != JsonValueKind.Object)
            return;
        foreach (var property in element.EnumerateObject())
            Collect(property.Value, path.Length == 0 ? property.Name : $"{path}:{property.Name}", keys);
    }

    /// <summary>A trailing <c>:0</c>, <c>:1</c>…: an element of an array setting such as <c>Api:Keys</c>.</summary>
    [GeneratedRegex(@":\d+$")]
    private static partial Regex ArrayIndex();
}
