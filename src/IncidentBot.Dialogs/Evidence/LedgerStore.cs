using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>Reads incidents' ledgers: the head (its last entry), and entries in seq order, page by page so memory stays flat however long the ledger.</summary>
public sealed class LedgerStore(IDocumentStore documents)
{
    /// <summary>Entries read per store query while streaming a ledger.</summary>
    public const int PageSize = 1000;

    /// <summary>The seq and hash of the ledger's last entry; null while it has none.</summary>
    public async Task<LedgerHead?> HeadAsync(WorkspaceId workspaceId, IncidentNumber number, CancellationToken cancellationToken) =>
        await LastEntryAsync(documents, workspaceId.Value, number.Value, cancellationToken) is { } last ? new LedgerHead(last.Seq, last.Hash) : null;

    /// <summary>The ledger's last entry (highest seq), through the index entries are read by; null while it has none.</summary>
    internal static async Task<LedgerEntryDocument?> LastEntryAsync(IDocumentStore documents, string workspaceId, int number, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, LedgerEntryDocument.DocumentType)
            .WhereEquals(LedgerEntryDocument.Paths.IncidentNumber, number)
            .OrderedBy(LedgerEntryDocument.Paths.Seq, descending: true)
            .Take(1);
        await foreach (var found in documents.QueryAsync<LedgerEntryDocument>(query, cancellationToken))
            return found.Value;
        return null;
    }

    /// <summary>The entries after seq <paramref name="afterSeq"/>, in seq order, at most <paramref name="limit"/> (all when null).</summary>
    /// <param name="from">Only entries at or after this time.</param>
    /// <param name="to">Only entries before this time.</param>
    public async IAsyncEnumerable<LedgerEntry> ReadAsync(
        string workspaceId, IncidentNumber number, int afterSeq, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        var left = limit ?? int.MaxValue;
        var after = afterSeq;
        while (left > 0)
        {
            var query = new DocumentQuery(workspaceId, LedgerEntryDocument.DocumentType)
                .WhereEquals(LedgerEntryDocument.Paths.IncidentNumber, number.Value)
                .Where(LedgerEntryDocument.Paths.Seq, FilterOperator.GreaterThan, after)
                .OrderedBy(LedgerEntryDocument.Paths.Seq)
                .Take(Math.Min(PageSize, left));
            if (from is { } start)
                query = query.Where(LedgerEntryDocument.Paths.At, FilterOperator.GreaterThanOrEqual, start);
            if (to is { } end)
                query = query.Where(LedgerEntryDocument.Paths.At, FilterOperator.LessThan, end);
            var read = 0;
            await foreach (var found in documents.QueryAsync<LedgerEntryDocument>(query, cancellationToken))
            {
                read++;
                after = found.Value.Seq;
                yield return found.Value.ToEntry();
            }
            left -= read;
            if (read < Math.Min(PageSize, left + read))
                yield break;
        }
    }
}
