using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Channels;

/// <summary>
/// Compares a message with its golden file in <c>Golden/</c> beside the calling test.
/// The file holds the JSON that <see cref="DocumentJson.Options"/> writes for the message,
/// re-indented and with characters unescaped (same properties, order and values) so that a
/// change shows as a readable diff. The comparison is exact.
/// To accept new output after a deliberate change, run
/// <c>UPDATE_GOLDEN=1 dotnet test tests/IncidentBot.Dialogs.Tests</c>, then review the diff of
/// the golden files before committing them. Without UPDATE_GOLDEN=1 nothing is ever written.
/// </summary>
internal static partial class GoldenFile
{
    private static readonly JsonWriterOptions Readable = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void AssertMatches(string name, ChatMessage message, [CallerFilePath] string testFile = "")
    {
        var actual = Render(message);
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Golden", name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 to create it, then review it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    private static string Render(ChatMessage message)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(message, DocumentJson.Options));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Readable))
            document.WriteTo(writer);
        var json = Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
        // The encoder escapes every character outside the BMP; show emoji as emoji.
        return SurrogatePair().Replace(json, m => char.ConvertFromUtf32(char.ConvertToUtf32(
            (char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16))));
    }

    [GeneratedRegex(@"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})")]
    private static partial Regex SurrogatePair();
}
