using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Storage;

/// <summary>
/// The storage port's semantics in memory, for domain unit tests: documents kept as their JSON
/// (so a read never hands out a shared instance), a new ETag on every write, conflicts on a
/// changed ETag or a taken id, all-or-nothing batches, and single-partition queries evaluated on
/// the JSON. Documents never expire here.
/// </summary>
internal sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Workspace, string Id), Stored> _documents = [];
    private long _writes;

    /// <summary>How many writes (creates, replaces, upserts, deletes) were stored.</summary>
    public long Writes
    {
        get
        {
            lock (_gate)
                return _writes;
        }
    }

    public Task<Versioned<T>?> ReadAsync<T>(string workspaceId, string id, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_documents.TryGetValue((workspaceId, id), out var stored)
                ? new Versioned<T>(stored.Json.Deserialize<T>(DocumentJson.Options)!, stored.ETag)
                : null);
        }
    }

    public Task<string> CreateAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument =>
        WriteOneAsync(new DocumentBatch(document.WorkspaceId).Create(document), document.Id, cancellationToken);

    public Task<string> ReplaceAsync<T>(T document, string ifMatch, CancellationToken cancellationToken)
        where T : class, IDocument =>
        WriteOneAsync(new DocumentBatch(document.WorkspaceId).Replace(document, ifMatch), document.Id, cancellationToken);

    public Task<string> UpsertAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument =>
        WriteOneAsync(new DocumentBatch(document.WorkspaceId).Upsert(document), document.Id, cancellationToken);

    public Task<bool> DeleteAsync(string workspaceId, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_documents.TryGetValue((workspaceId, id), out var stored))
                return Task.FromResult(false);
            if (ifMatch is not null && ifMatch != stored.ETag)
                throw new DocumentConflictException(workspaceId, id, alreadyExists: false);
            _documents.Remove((workspaceId, id));
            _writes++;
            return Task.FromResult(true);
        }
    }

    public Task<BatchResult> CommitAsync(DocumentBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Check every operation before writing any, so a conflict leaves the store as it was.
            foreach (var operation in batch.Operations)
            {
                var exists = _documents.TryGetValue((batch.WorkspaceId, operation.Id), out var stored);
                var conflict = operation.Kind switch
                {
                    DocumentOperationKind.Create => exists,
                    DocumentOperationKind.Replace => !exists || stored!.ETag != operation.IfMatch,
                    DocumentOperationKind.Delete => exists && operation.IfMatch is not null && stored!.ETag != operation.IfMatch,
                    _ => false,
                };
                if (conflict)
                    throw new DocumentConflictException(batch.WorkspaceId, operation.Id, alreadyExists: operation.Kind == DocumentOperationKind.Create);
            }
            var etags = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var operation in batch.Operations)
            {
                var key = (batch.WorkspaceId, operation.Id);
                _writes++;
                if (operation.Kind == DocumentOperationKind.Delete)
                {
                    _documents.Remove(key);
                    etags[operation.Id] = null;
                    continue;
                }
                var document = operation.Document!;
                var etag = string.Create(CultureInfo.InvariantCulture, $"\"{_writes}\"");
                _documents[key] = new Stored(document.Type, JsonSerializer.SerializeToElement(document, document.GetType(), DocumentJson.Options), etag);
                etags[operation.Id] = etag;
            }
            return Task.FromResult(new BatchResult(etags));
        }
    }

    public async IAsyncEnumerable<Versioned<T>> QueryAsync<T>(DocumentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IDocument
    {
        foreach (var (_, stored) in Run(query))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new Versioned<T>(stored.Json.Deserialize<T>(DocumentJson.Options)!, stored.ETag);
        }
        await Task.CompletedTask;
    }

    public Task<int> CountAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Run(query).Count);
    }

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new StoreHealth(true, "memory", "in-memory test store"));

    private async Task<string> WriteOneAsync(DocumentBatch batch, string id, CancellationToken cancellationToken) =>
        (await CommitAsync(batch, cancellationToken)).ETagOf(id)!;

    private List<(string Id, Stored Document)> Run(DocumentQuery query)
    {
        List<(string Id, Stored Document)> found;
        lock (_gate)
        {
            found = [.. _documents
                .Where(d => d.Key.Workspace == query.WorkspaceId && d.Value.Type == query.Type && query.Filters.All(f => Matches(d.Value.Json, f)))
                .Select(d => (d.Key.Id, d.Value))];
        }
        IEnumerable<(string Id, Stored Document)> ordered = query.OrderBy is { } path
            ? (query.Descending
                ? found.OrderByDescending(d => Find(d.Document.Json, path.Name), JsonOrder.Instance).ThenByDescending(d => d.Id, StringComparer.Ordinal)
                : found.OrderBy(d => Find(d.Document.Json, path.Name), JsonOrder.Instance).ThenBy(d => d.Id, StringComparer.Ordinal))
            : found.OrderBy(d => d.Id, StringComparer.Ordinal);
        return [.. query.Top is { } top ? ordered.Take(top) : ordered];
    }

    private static bool Matches(JsonElement document, DocumentFilter filter)
    {
        var value = Find(document, filter.Path.Name);
        if (filter.Operator == FilterOperator.IsDefined)
            return value is { ValueKind: not JsonValueKind.Null };
        if (value is not { } actual)
            return false; // an absent property compares with nothing, as in Cosmos DB
        var expected = DocumentJson.ToJsonValue(filter.Value); // Undefined for a null value
        if (filter.Operator == FilterOperator.ArrayContains)
            return actual.ValueKind == JsonValueKind.Array && actual.EnumerateArray().Any(e => Same(e, expected));
        if (filter.Operator == FilterOperator.Equal)
            return Same(actual, expected);
        if (filter.Operator == FilterOperator.NotEqual)
            return !Same(actual, expected);
        if (expected.ValueKind == JsonValueKind.Undefined || JsonOrder.Rank(actual) != JsonOrder.Rank(expected))
            return false; // values of different kinds do not compare, as in Cosmos DB
        var order = JsonOrder.Instance.Compare(actual, expected);
        return filter.Operator switch
        {
            FilterOperator.LessThan => order < 0,
            FilterOperator.LessThanOrEqual => order <= 0,
            FilterOperator.GreaterThan => order > 0,
            FilterOperator.GreaterThanOrEqual => order >= 0,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Operator, "Unknown filter operator."),
        };
    }

    private static bool Same(JsonElement actual, JsonElement expected) =>
        expected.ValueKind == JsonValueKind.Undefined
            ? actual.ValueKind == JsonValueKind.Null
            : JsonOrder.Rank(actual) == JsonOrder.Rank(expected) && JsonOrder.Instance.Compare(actual, expected) == 0;

    private static JsonElement? Find(JsonElement document, string path)
    {
        var current = document;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }
        return current;
    }

    private sealed record Stored(string Type, JsonElement Json, string ETag);

    /// <summary>Null, then booleans (false first), numbers by value, strings by ordinal (times are fixed-width UTC text); absent first.</summary>
    private sealed class JsonOrder : IComparer<JsonElement?>, IComparer<JsonElement>
    {
        public static JsonOrder Instance { get; } = new();

        public int Compare(JsonElement? x, JsonElement? y) =>
            (x, y) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                _ => Compare(x.Value, y.Value),
            };

        public int Compare(JsonElement x, JsonElement y)
        {
            if (Rank(x) != Rank(y))
                return Rank(x).CompareTo(Rank(y));
            return x.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => x.GetBoolean().CompareTo(y.GetBoolean()),
                JsonValueKind.Number => x.GetDouble().CompareTo(y.GetDouble()),
                JsonValueKind.String => string.CompareOrdinal(x.GetString(), y.GetString()),
                _ => string.CompareOrdinal(x.GetRawText(), y.GetRawText()),
            };
        }

        public static int Rank(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Null => 0,
            JsonValueKind.False or JsonValueKind.True => 1,
            JsonValueKind.Number => 2,
            JsonValueKind.String => 3,
            _ => 4,
        };
    }
}
