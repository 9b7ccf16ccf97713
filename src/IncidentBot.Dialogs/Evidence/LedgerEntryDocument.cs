using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// A <see cref="LedgerEntry"/> as stored: one document per entry, <c>ledger-{n}-{seq:D9}</c>, in
/// the incident's workspace partition, created in the same unit as the change it records and
/// never replaced or deleted. The zero-padded seq makes ids sort in chain order.
/// </summary>
public sealed record LedgerEntryDocument : IDocument
{
    public const string DocumentType = "ledger";

    /// <summary>The properties ledger entries are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<LedgerEntryDocument>(nameof(LedgerEntryDocument.IncidentNumber));

        public static readonly DocumentPath Seq = DocumentPath.Of<LedgerEntryDocument>(nameof(LedgerEntryDocument.Seq));

        public static readonly DocumentPath At = DocumentPath.Of<LedgerEntryDocument>(nameof(LedgerEntryDocument.At));
    }

    [JsonPropertyName("id")]
    public string Id => _id.Get(IncidentNumber, Seq, static (number, seq) => IdFor(number, seq));

    private DerivedId _id;

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    public required int Seq { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    public required string Kind { get; init; }

    public required JsonElement Data { get; init; }

    public required string PrevHash { get; init; }

    public required string Hash { get; init; }

    public LedgerEntry ToEntry() => new(Seq, At, Actor, Kind, Data, PrevHash, Hash);

    public static LedgerEntryDocument Of(string workspaceId, int incidentNumber, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new()
        {
            WorkspaceId = workspaceId,
            IncidentNumber = incidentNumber,
            Seq = entry.Seq,
            At = entry.At,
            Actor = entry.Actor,
            Kind = entry.Kind,
            Data = entry.Data,
            PrevHash = entry.PrevHash,
            Hash = entry.Hash,
        };
    }

    public static string IdFor(int incidentNumber, int seq) =>
        string.Create(CultureInfo.InvariantCulture, $"ledger-{incidentNumber}-{seq:D9}");
}
