using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Testing.Fakes;

/// <summary>
/// The real store with every call counted: what one command costs in store round trips (reads,
/// queries, single writes, transactions and the operations in them), by document type, and whether
/// the call was made while a person waited for an answer (a request's <see cref="DeferredJobs"/>
/// scope is open) or in the background (jobs, timers).
/// </summary>
public sealed class CountingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts so far, keyed <c>phase: call type</c> (e.g. <c>request: read DeliveryClaim</c>, <c>background: commit-op create Incident</c>).</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    /// <summary>Round trips to the store: every call but the operations inside a transaction.</summary>
    public static int RoundTrips(IReadOnlyDictionary<string, int> counts) =>
        counts.Where(c => !c.Key.Contains(": commit-op ", StringComparison.Ordinal)).Sum(c => c.Value);

    public Task<Versioned<T>?> ReadAsync<T>(string workspaceId, string id, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        Count("read " + typeof(T).Name);
        return inner.ReadAsync<T>(workspaceId, id, cancellationToken);
    }

    public Task<string> CreateAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        Count("create " + typeof(T).Name);
        return inner.CreateAsync(document, cancellationToken);
    }

    public Task<string> ReplaceAsync<T>(T document, string ifMatch, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        Count("replace " + typeof(T).Name);
        return inner.ReplaceAsync(document, ifMatch, cancellationToken);
    }

    public Task<string> UpsertAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        Count("upsert " + typeof(T).Name);
        return inner.UpsertAsync(document, cancellationToken);
    }

    public Task<bool> DeleteAsync(string workspaceId, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        Count("delete " + IdKind(id));
        return inner.DeleteAsync(workspaceId, id, ifMatch, cancellationToken);
    }

    public Task<BatchResult> CommitAsync(DocumentBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Count("commit");
        foreach (var operation in batch.Operations)
            Count($"commit-op {operation.Kind.ToString().ToLowerInvariant()} {operation.Document?.GetType().Name ?? IdKind(operation.Id)}");
        return inner.CommitAsync(batch, cancellationToken);
    }

    public IAsyncEnumerable<Versioned<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        ArgumentNullException.ThrowIfNull(query);
        return CountedQueryAsync<T>(query, cancellationToken);
    }

    public Task<int> CountAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Count("count " + query.Type);
        return inner.CountAsync(query, cancellationToken);
    }

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    private async IAsyncEnumerable<Versioned<T>> CountedQueryAsync<T>(DocumentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IDocument
    {
        Count("query " + query.Type);
        await foreach (var item in inner.QueryAsync<T>(query, cancellationToken))
            yield return item;
    }

    private void Count(string what) =>
        _counts.AddOrUpdate((DeferredJobs.Current is null ? "background: " : "request: ") + what, 1, static (_, n) => n + 1);

    /// <summary>A deleted document has no type at hand: its id up to the first digit or dash-number says what it is.</summary>
    private static string IdKind(string id)
    {
        var end = id.AsSpan().IndexOfAnyInRange('0', '9');
        return end <= 0 ? id : id[..end].TrimEnd('-');
    }
}
