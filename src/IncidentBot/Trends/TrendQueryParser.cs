using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Trends;

/// <summary>Reads <c>from</c>, <c>to</c>, <c>by</c> and the filters of a trends request; every problem is named by its parameter.</summary>
internal static class TrendQueryParser
{
    public static TrendQuery? Parse(
        string workspace, string? from, string? to, string? by, string? source, string? severity, string? market, string? language,
        DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var cut = TrendCut.Source;
        if (by is not null && !TrendCutText.TryParse(by, out cut))
            errors["by"] = [$"Use {TrendCutText.Choices}."];
        var filter = ParseFilter(source, severity, market, language, errors);
        var end = Instant(to, "to", errors);
        var start = Instant(from, "from", errors);
        if (errors.Count > 0)
            return null;

        var until = end ?? now;
        var since = start ?? until - TrendQuery.DefaultRange;
        if (since >= until)
            errors["from"] = ["from must be before to."];
        else if (until - since > TrendQuery.MaxRange)
            errors["to"] = [$"A range may span at most {TrendQuery.MaxRange.TotalDays:0} days."];
        return errors.Count > 0 ? null : new TrendQuery(workspace, since, until, cut) { Filter = filter };
    }

    public static TrendFilter ParseFilter(string? source, string? severity, string? market, string? language, Dictionary<string, string[]> errors)
    {
        var filter = TrendFilter.None;
        if (!string.IsNullOrEmpty(source))
        {
            if (IncidentSourceText.TryParse(source, out var s))
                filter = filter with { Source = s };
            else
                errors["source"] = [$"Use {IncidentSourceText.Choices}."];
        }
        if (!string.IsNullOrEmpty(severity))
        {
            if (SeverityText.TryParse(severity, out var s))
                filter = filter with { Severity = s };
            else
                errors["severity"] = ["Use sev1, sev2, sev3 or sev4."];
        }
        if (!string.IsNullOrEmpty(market))
        {
            var parsed = MarketCodes.ParseList(market);
            if (parsed.IsSuccess && parsed.Value.Count == 1)
                filter = filter with { Market = parsed.Value[0] };
            else
                errors["market"] = ["Give one ISO 3166 country code, e.g. NP."];
        }
        if (!string.IsNullOrEmpty(language))
        {
            var parsed = LanguageCodes.ParseList(language);
            if (parsed.IsSuccess && parsed.Value.Count == 1)
                filter = filter with { Language = parsed.Value[0] };
            else
                errors["language"] = ["Give one ISO 639 language code, e.g. ne or bho."];
        }
        return filter;
    }

    /// <summary>An ISO 8601 instant (UTC unless it says otherwise) or a date (its start, UTC).</summary>
    private static DateTimeOffset? Instant(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at))
            return at.ToUniversalTime();
        errors[name] = ["Give an ISO 8601 time such as 2026-11-01T00:00:00Z, or a date such as 2026-11-01."];
        return null;
    }
}
