using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Says which open incident a trend key, URL or hashtag (normalised, see <see cref="MatchKeys"/>)
/// belongs to. Created in the same unit as the incident a first report opens, so of two reports
/// of a new trend that arrive together one creates it and the other's unit fails on it, reads it
/// and joins: concurrent reports of one trend make one incident.
/// </summary>
public sealed record TrendPointer : IDocument
{
    public const string DocumentType = "trend";

    public string Id => _id.Get(Key, null, static (key, _) => IdFor(key));

    private DerivedId _id;

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    /// <summary>The normalised key (<c>tag:bluewhale</c>, <c>url:example.com/v/1</c>).</summary>
    public required string Key { get; init; }

    public required int IncidentNumber { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a report last carried the key, to a granularity of <see cref="IntakeRules.PointerRefresh"/>: the merge window counts from here.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary><c>trend-</c> and the first 40 hex digits (lower case) of the SHA-256 of the key's UTF-8.</summary>
    public static string IdFor(string key)
    {
        Span<char> hashed = stackalloc char[HashedId.Length];
        HashedId.Write(key, hashed);
        return string.Concat("trend-", hashed);
    }
}
