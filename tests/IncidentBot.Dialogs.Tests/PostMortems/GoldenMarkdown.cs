using System.Runtime.CompilerServices;

namespace IncidentBot.Dialogs.Tests.PostMortems;

/// <summary>
/// Compares generated Markdown with its golden file in <c>Golden/</c> beside the calling test,
/// exactly. To accept new output after a deliberate change, run
/// <c>UPDATE_GOLDEN=1 dotnet test tests/IncidentBot.Dialogs.Tests</c> and review the diff of the
/// golden file before committing it. Without UPDATE_GOLDEN=1 nothing is ever written.
/// </summary>
internal static class GoldenMarkdown
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string testFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Golden", name + ".md");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 to create it, then review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
