using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.IntegrationTests.Slack.BlockKit;

/// <summary>
/// Compares generated JSON with a file in <c>golden/</c> beside these tests, exactly.
/// To accept a change, regenerate and review the diff:
/// <c>UPDATE_GOLDEN=1 dotnet test tests/IncidentBot.IntegrationTests --filter FullyQualifiedName~BlockKit</c>
/// then <c>git diff tests/IncidentBot.IntegrationTests/Slack/BlockKit/golden</c>.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, JsonNode actual)
    {
        var text = Format(actual);
        var path = Path.Combine(ProjectDirectory(), "Slack", "BlockKit", "golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, text);
    }

    // Indented, with mrkdwn characters (<, >, &) and accents unescaped so the files read like Slack's docs;
    // System.Text.Json still escapes emoji outside the BMP as \uD83D-style pairs.
    private static string Format(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
            node.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    // The source tree, not bin/: the files are reviewed and committed there.
    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IncidentBot.IntegrationTests.csproj")))
                return directory.FullName;
        }
        throw new InvalidOperationException("IncidentBot.IntegrationTests.csproj not found above " + AppContext.BaseDirectory);
    }
}
