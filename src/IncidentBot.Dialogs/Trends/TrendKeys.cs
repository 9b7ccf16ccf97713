using System.Globalization;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// The row keys of each cut, one definition for both stores: the embedded store turns the stored
/// JSON value into a key with <see cref="FromStored"/>, the streaming aggregation uses the typed ones.
/// </summary>
public static class TrendKeys
{
    public static string Source(IncidentSource source) => source.Name();

    public static string Severity(Severity severity) => "sev" + ((int)severity).ToString(CultureInfo.InvariantCulture);

    /// <summary>The Monday (UTC) of the week of <paramref name="at"/>, as <c>yyyy-MM-dd</c>.</summary>
    public static string Week(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return day.AddDays(-sinceMonday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static string OrNone(string? key) => string.IsNullOrEmpty(key) ? TrendReport.NoKey : key;

    /// <summary>
    /// A key from the value the store holds: enum names as serialised (<c>userReport</c>, <c>sev2</c>),
    /// codes, clock names, user ids and week Mondays as they are.
    /// </summary>
    public static string FromStored(TrendCut cut, string? stored) => cut switch
    {
        _ when string.IsNullOrEmpty(stored) => TrendReport.NoKey,
        TrendCut.Source when Enum.TryParse<IncidentSource>(stored, ignoreCase: true, out var source) => Source(source),
        TrendCut.Severity when Enum.TryParse<Severity>(stored, ignoreCase: true, out var severity) => Severity(severity),
        _ => stored!,
    };

    /// <summary>The keys an incident counts under (each once); <c>none</c> when it has none.</summary>
    public static IReadOnlyList<string> Of(TrendCut cut, TrendIncident incident, IReadOnlyCollection<string> clockNames)
    {
        ArgumentNullException.ThrowIfNull(incident);
        IEnumerable<string> keys = cut switch
        {
            TrendCut.Source => [Source(incident.Source)],
            TrendCut.Severity => [Severity(incident.Severity)],
            TrendCut.Week => [Week(incident.DeclaredAt)],
            TrendCut.Lead => [OrNone(incident.Lead)],
            TrendCut.Market => incident.Markets,
            TrendCut.Language => incident.Languages,
            TrendCut.Regime => clockNames,
            _ => throw new ArgumentOutOfRangeException(nameof(cut), cut, null),
        };
        var distinct = keys.Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? [TrendReport.NoKey] : distinct;
    }
}
