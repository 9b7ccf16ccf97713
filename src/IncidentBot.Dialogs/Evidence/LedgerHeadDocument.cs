using System.Globalization;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The head of one incident's ledger: the seq and hash of its last entry. Every unit that appends
/// replaces it with the ETag it read (or creates it for the first entry), so two changes of one
/// incident at once cannot both take the same seq: one commits, the other conflicts and retries
/// on the new head. That is what keeps the chain gapless across processes.
/// </summary>
public sealed record LedgerHeadDocument : IDocument
{
    public const string DocumentType = "ledger-head";

    [JsonPropertyName("id")]
    public string Id => IdFor(IncidentNumber);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    public required int Seq { get; init; }

    public required string Hash { get; init; }

    /// <summary>When the last entry happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The incident's platform (<c>slack</c>, <c>teams</c>), which prefixes actors (<c>slack:U123</c>).</summary>
    public PlatformId? Platform { get; init; }

    [JsonIgnore]
    public LedgerHead Head => new(Seq, Hash);

    public static string IdFor(int incidentNumber) =>
        "ledger-head-" + incidentNumber.ToString(CultureInfo.InvariantCulture);
}
