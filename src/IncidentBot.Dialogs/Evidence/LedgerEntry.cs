using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// One entry of an incident's evidence ledger, as stored, served (one per line of
/// <c>ledger.jsonl</c>) and hashed. <see cref="Seq"/> counts from 1 without gaps per incident;
/// <see cref="Hash"/> is <see cref="LedgerHash.Compute"/> of the other fields, which include
/// <see cref="PrevHash"/>, the hash of the entry before (<see cref="LedgerHash.Genesis"/> for
/// the first), so changing any entry breaks every hash after it. Make entries with
/// <see cref="LedgerChain.Next"/>; entries are never updated or deleted.
/// </summary>
/// <param name="At">UTC, whole milliseconds; written <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</param>
/// <param name="Actor">Who made the change: a platform user id (<c>slack:U123</c>) or <c>system</c>.</param>
/// <param name="Kind">What happened (<c>declared</c>, <c>page.acknowledged</c>, ...).</param>
/// <param name="Data">A JSON object with the facts of the change.</param>
/// <remarks>
/// <see cref="Data"/> is a <see cref="JsonElement"/>, which compares by identity: compare
/// entries by <see cref="Hash"/>, not with <c>==</c>.
/// </remarks>
public sealed record LedgerEntry(
    [property: JsonPropertyName("seq")] int Seq,
    [property: JsonPropertyName("at"), JsonConverter(typeof(LedgerTimestampConverter))] DateTimeOffset At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("prevHash")] string PrevHash,
    [property: JsonPropertyName("hash")] string Hash)
{
    /// <summary>How <see cref="At"/> is written: ISO 8601, UTC, milliseconds.</summary>
    public const string TimestampFormat = LedgerTimestamp.Format;

    /// <summary>This entry as the head of its chain, to make the next entry from.</summary>
    [JsonIgnore]
    public LedgerHead Head => new(Seq, Hash);
}
