using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.Tests.Teams;

/// <summary>
/// Compares generated card JSON with a file in <c>Teams/Golden/</c>, exactly. To accept a change,
/// regenerate and review the diff:
/// <c>UPDATE_GOLDEN=1 dotnet test tests/IncidentBot.Tests --filter FullyQualifiedName~Teams</c>
/// then <c>git diff tests/IncidentBot.Tests/Teams/Golden</c>.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string json) => AssertMatches("Teams", name, json);

    /// <summary>Compares with <c>{feature}/Golden/{name}</c> (the Slack modal keeps its files beside its tests).</summary>
    public static void AssertMatches(string feature, string name, string json)
    {
        var text = Format(JsonNode.Parse(json)!);
        var path = Path.Combine(ProjectDirectory(), feature, "Golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), text);
    }

    private static string Format(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
            node.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IncidentBot.Tests.csproj")))
                return directory.FullName;
        }
        throw new InvalidOperationException("IncidentBot.Tests.csproj not found above " + AppContext.BaseDirectory);
    }
}
