using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IncidentBot.Testing.Golden;

/// <summary>
/// Compares generated text (Block Kit JSON, Teams cards, neutral messages, post-mortem Markdown)
/// with a golden file in a folder beside the calling test, exactly. To accept a change after a
/// deliberate edit, run the tests with <c>UPDATE_GOLDEN=1</c>, then review <c>git diff</c> of the
/// golden files before committing them. Without UPDATE_GOLDEN=1 nothing is ever written.
/// </summary>
public static partial class GoldenFile
{
    private static readonly JsonWriterOptions Readable = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <param name="name">The file name, extension included.</param>
    /// <param name="folder">The folder beside the calling test that holds the golden files.</param>
    public static void AssertMatches(string name, string actual, string folder = "Golden", [CallerFilePath] string testFile = "")
    {
        // The source tree, not bin/: the files are reviewed and committed there.
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, folder, name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 to create it, then review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    /// <summary>Compares JSON, indented as <see cref="Format"/> writes it.</summary>
    public static void AssertMatchesJson(string name, JsonNode actual, string folder = "Golden", bool showEmoji = false, [CallerFilePath] string testFile = "") =>
        AssertMatches(name, Format(actual, showEmoji), folder, testFile);

    /// <summary>
    /// Indented, with mrkdwn characters (&lt;, &gt;, &amp;) and accents unescaped so the files read like
    /// the platforms' docs. System.Text.Json still escapes characters outside the BMP as
    /// <c>\uD83D</c>-style pairs; <paramref name="showEmoji"/> turns those back into emoji.
    /// </summary>
    public static string Format(JsonNode node, bool showEmoji = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
            node.WriteTo(writer);
        var json = Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        return showEmoji
            ? SurrogatePair().Replace(json, m => char.ConvertFromUtf32(char.ConvertToUtf32(
                (char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16))))
            : json;
    }

    [GeneratedRegex(@"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})")]
    private static partial Regex SurrogatePair();
}
