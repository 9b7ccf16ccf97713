using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Trends;

/// <summary>Narrows the incidents a trend counts; every set field must match.</summary>
public sealed record TrendFilter
{
    public static TrendFilter None { get; } = new();

    public IncidentSource? Source { get; init; }

    public Severity? Severity { get; init; }

    /// <summary>An ISO 3166 code the incident's markets hold.</summary>
    public string? Market { get; init; }

    /// <summary>An ISO 639 code the incident's languages hold.</summary>
    public string? Language { get; init; }

    public bool Matches(IncidentSource source, Severity severity, IReadOnlyList<string> markets, IReadOnlyList<string> languages) =>
        (Source is null || Source == source)
        && (Severity is null || Severity == severity)
        && (Market is null || markets.Contains(Market, StringComparer.Ordinal))
        && (Language is null || languages.Contains(Language, StringComparer.Ordinal));
}
