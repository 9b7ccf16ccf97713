namespace IncidentBot.LanguageBench;

/// <summary>One line of a labelled sentence file: the expected ISO 639 code (or "unknown") and the text.</summary>
internal sealed record LabelledSentence(string Expected, string Text)
{
    public const string TestSet = "tests/IncidentBot.Dialogs.Tests/Intake/Languages/languages.tsv";
    public const string DevelopmentSet = "tools/language-model/dev.tsv";

    public static IReadOnlyList<LabelledSentence> Read(string path) =>
        [.. File.ReadLines(path)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t', 2))
            .Select(fields => new LabelledSentence(fields[0], fields[1]))];

    /// <summary>The repository root: the folder above the bench's output that holds IncidentBot.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IncidentBot.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("Run the bench from inside the repository (IncidentBot.sln not found above it).");
    }
}
