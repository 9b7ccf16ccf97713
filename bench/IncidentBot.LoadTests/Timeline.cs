using System.Globalization;
using System.Text;

namespace IncidentBot.LoadTests;

/// <summary>
/// A round's answered requests as CSV (<c>rate,due_utc,latency_ms,kind</c>), ordered by due time: the tail line names the
/// slow episodes, this shows how each built up and drained, and its wall-clock times line up with other records of the
/// machine (a scheduler probe, the bot's log).
/// </summary>
internal static class Timeline
{
    public const string Header = "rate,due_utc,latency_ms,kind";

    public static async Task AppendAsync(string path, int rate, IReadOnlyList<(string Kind, DateTime Due, double Ms)> requests, bool first)
    {
        var text = new StringBuilder();
        if (first)
            text.AppendLine(Header);
        foreach (var (kind, due, ms) in requests)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{rate},{due:HH:mm:ss.ffffff},{ms:F3},{kind}"));
        if (first)
            await File.WriteAllTextAsync(path, text.ToString());
        else
            await File.AppendAllTextAsync(path, text.ToString());
    }
}
