using System.Text.Json;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>Appends to a ledger: from its head, the next entry with its seq, prevHash and hash.</summary>
public static class LedgerChain
{
    /// <param name="head">The ledger's last entry (<see cref="LedgerEntry.Head"/>), or <see cref="LedgerHead.Empty"/>.</param>
    /// <param name="at">When the change happened; kept as UTC whole milliseconds.</param>
    /// <param name="data">A JSON object; copied, so the caller may dispose its document.</param>
    /// <exception cref="ArgumentException">The head is not a head, or <paramref name="data"/> is not an object with a canonical form.</exception>
    public static LedgerEntry Next(LedgerHead head, DateTimeOffset at, string actor, string kind, JsonElement data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(head.Seq);
        ArgumentOutOfRangeException.ThrowIfEqual(head.Seq, int.MaxValue);
        if (head.Hash is null || !LedgerHash.IsWellFormed(head.Hash))
            throw new ArgumentException("A ledger head's hash is 64 lowercase hex digits.", nameof(head));
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(kind);
        if (data.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("A ledger entry's data is a JSON object.", nameof(data));

        var entry = new LedgerEntry(head.Seq + 1, LedgerTimestamp.Normalize(at), actor, kind, data.Clone(), head.Hash, "");
        try
        {
            return entry with { Hash = LedgerHash.Compute(entry) };
        }
        catch (CanonicalJsonException e)
        {
            throw new ArgumentException(e.Message, nameof(data), e);
        }
    }
}
