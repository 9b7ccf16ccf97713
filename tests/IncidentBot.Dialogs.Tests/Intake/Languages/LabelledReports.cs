namespace IncidentBot.Dialogs.Tests.Intake.Languages;

/// <summary>
/// The labelled report sentences in languages.tsv (copied beside the tests), which
/// bench/IncidentBot.LanguageBench and bench/language-peer read too.
/// </summary>
internal static class LabelledReports
{
    public static readonly IReadOnlyList<(string Language, string Text)> All =
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Intake", "Languages", "languages.tsv"))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t', 2))
            .Select(fields => (fields[0], fields[1]))];

    public static IEnumerable<string> Of(string language) =>
        All.Where(r => r.Language == language).Select(r => r.Text);
}
