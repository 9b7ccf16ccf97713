using System.Globalization;

namespace IncidentBot.LoadTests;

/// <summary>
/// The round's slowest hundredth grouped by when each was sent: reports sent at most <see cref="Gap"/> apart belong to
/// one episode. A few long episodes point at moments when everything waited (a stalled writer, a collection, a busy
/// machine); many short ones at a cost spread over every report.
/// </summary>
internal static class TailEpisodes
{
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100);

    /// <param name="startedAt">The round's start on the wall clock, to match an episode with a server's log.</param>
    /// <param name="sent">Each answered request: when it was due to be sent (from the round's start) and its latency.</param>
    public static string Describe(IReadOnlyCollection<(TimeSpan Due, double Ms)> sent, double threshold, DateTime startedAt)
    {
        var tail = sent.Where(s => s.Ms > threshold).OrderBy(s => s.Due).ToList();
        if (tail.Count == 0)
            return "no report above the p99";
        var episodes = new List<(TimeSpan Start, TimeSpan End, int Count, double Worst)>();
        foreach (var (due, ms) in tail)
        {
            if (episodes.Count > 0 && due - episodes[^1].End <= Gap)
                episodes[^1] = (episodes[^1].Start, due, episodes[^1].Count + 1, Math.Max(episodes[^1].Worst, ms));
            else
                episodes.Add((due, due, 1, ms));
        }
        var largest = episodes.OrderByDescending(e => e.Count).Take(5).Select(e => string.Create(CultureInfo.InvariantCulture,
            $"{e.Count} sent in {(e.End - e.Start).TotalMilliseconds:F0} ms from {e.Start.TotalSeconds:F2} s ({startedAt + e.Start:HH:mm:ss.fff} UTC), worst {e.Worst:F0} ms"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{tail.Count} above {threshold:F1} ms in {episodes.Count} episodes; largest: {string.Join("; ", largest)}");
    }
}
