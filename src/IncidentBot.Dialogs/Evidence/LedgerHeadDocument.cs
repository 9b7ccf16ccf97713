using System.Globalization;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The head of the audit log's ledger (<see cref="AuditLog"/>): the seq and hash of its last entry,
/// replaced with the ETag it was read with by every append, so two appends at once cannot both take
/// the same seq. Incidents' ledgers need no such document: their entries are found by index, and an
/// entry's id (incident and seq) makes a second append of the same seq conflict (<see cref="LedgerAppender"/>).
/// Stores written before that change still hold a <c>ledger-head-{n}</c> per incident, which nothing reads.
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

    [JsonIgnore]
    public LedgerHead Head => new(Seq, Hash);

    public static string IdFor(int incidentNumber) =>
        "ledger-head-" + incidentNumber.ToString(CultureInfo.InvariantCulture);
}
